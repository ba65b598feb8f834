// SPDX-License-Identifier: GPL-2.0
/*
 * types_test.c - KUnit tests of the basic NT types and macros a hosted
 * driver gets from ntdef.h and wdm.h: Windows sizes on LP64, the NTSTATUS
 * severity classes, LARGE_INTEGER, counted-string initialisers, I/O control
 * codes and page arithmetic.
 *
 * Expected values are the Windows ones (WDK documentation, ntdef.h,
 * devioctl.h); they do not depend on how wdmshim implements anything.
 */
#include <kunit/test.h>
#include "wdm_internal.h"

static void types_windows_sizes(struct kunit *test)
{
	static const WCHAR ab[] = L"ab";

	KUNIT_EXPECT_EQ(test, sizeof(CHAR), 1);
	KUNIT_EXPECT_EQ(test, sizeof(USHORT), 2);
	KUNIT_EXPECT_EQ(test, sizeof(LONG), 4);
	KUNIT_EXPECT_EQ(test, sizeof(ULONG), 4);
	KUNIT_EXPECT_EQ(test, sizeof(LONGLONG), 8);
	KUNIT_EXPECT_EQ(test, sizeof(WCHAR), 2);
	KUNIT_EXPECT_EQ(test, sizeof(BOOLEAN), 1);
	KUNIT_EXPECT_EQ(test, sizeof(NTSTATUS), 4);
	KUNIT_EXPECT_EQ(test, sizeof(ULONG_PTR), sizeof(void *));
	KUNIT_EXPECT_EQ(test, sizeof(SIZE_T), 8);
	KUNIT_EXPECT_EQ(test, sizeof(HANDLE), sizeof(void *));
	/* L"" literals are WCHAR arrays: two characters and a NUL. */
	KUNIT_EXPECT_EQ(test, sizeof(L"ab"), 3 * sizeof(WCHAR));
	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(ab), 3);
	KUNIT_EXPECT_EQ(test, ab[0], (WCHAR)'a');
	KUNIT_EXPECT_EQ(test, ab[1], (WCHAR)'b');
	KUNIT_EXPECT_EQ(test, ab[2], (WCHAR)0);
	/* Wide literals hold 16-bit code units. */
	KUNIT_EXPECT_EQ(test, L"\x00e9"[0], (WCHAR)0x00e9);
	KUNIT_EXPECT_EQ(test, L"\x20ac"[0], (WCHAR)0x20ac);
	KUNIT_EXPECT_EQ(test, L'\x20ac', 0x20ac);
	/* Signedness as on Windows. */
	KUNIT_EXPECT_LT(test, (LONG)0xffffffffU, 0);
	KUNIT_EXPECT_GT(test, (ULONG)(-1), 0U);
	KUNIT_EXPECT_EQ(test, (ULONG)(-1), 4294967295U);
	KUNIT_EXPECT_GT(test, (WCHAR)(-1), 0);
	KUNIT_EXPECT_LT(test, (NTSTATUS)0xc0000001U, 0);
}

static void types_structure_layouts(struct kunit *test)
{
	/* The x64 layouts drivers (and user-space ABIs) depend on. */
	KUNIT_EXPECT_EQ(test, sizeof(UNICODE_STRING), 16);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(UNICODE_STRING, Length), 0);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(UNICODE_STRING, MaximumLength), 2);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(UNICODE_STRING, Buffer), 8);
	KUNIT_EXPECT_EQ(test, sizeof(STRING), 16);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(STRING, Buffer), 8);
	KUNIT_EXPECT_EQ(test, sizeof(LIST_ENTRY), 16);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(LIST_ENTRY, Blink), 8);
	KUNIT_EXPECT_EQ(test, sizeof(SINGLE_LIST_ENTRY), 8);
	KUNIT_EXPECT_EQ(test, sizeof(GUID), 16);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(GUID, Data4), 8);
	KUNIT_EXPECT_EQ(test, sizeof(LARGE_INTEGER), 8);
	KUNIT_EXPECT_EQ(test, sizeof(ULARGE_INTEGER), 8);
}

static void types_large_integer_parts(struct kunit *test)
{
	LARGE_INTEGER li;
	ULARGE_INTEGER uli;

	li.QuadPart = 0x1122334455667788LL;
	KUNIT_EXPECT_EQ(test, li.LowPart, 0x55667788U);
	KUNIT_EXPECT_EQ(test, li.HighPart, 0x11223344);
	KUNIT_EXPECT_EQ(test, li.u.LowPart, 0x55667788U);
	KUNIT_EXPECT_EQ(test, li.u.HighPart, 0x11223344);

	/* HighPart is signed, LowPart unsigned. */
	li.QuadPart = -1;
	KUNIT_EXPECT_EQ(test, li.LowPart, 0xffffffffU);
	KUNIT_EXPECT_EQ(test, li.HighPart, -1);
	li.QuadPart = -0x100000000LL;	/* -2^32 */
	KUNIT_EXPECT_EQ(test, li.LowPart, 0U);
	KUNIT_EXPECT_EQ(test, li.HighPart, -1);

	/* Writing the parts composes the quad. */
	li.LowPart = 0xfffffffeU;
	li.HighPart = -2;
	KUNIT_EXPECT_EQ(test, li.QuadPart, -0x100000002LL);
	li.u.HighPart = 0;
	KUNIT_EXPECT_EQ(test, li.QuadPart, 0xfffffffeLL);

	uli.QuadPart = 0xfedcba9876543210ULL;
	KUNIT_EXPECT_EQ(test, uli.LowPart, 0x76543210U);
	KUNIT_EXPECT_EQ(test, uli.HighPart, 0xfedcba98U);
	uli.HighPart = 0x80000000U;
	KUNIT_EXPECT_EQ(test, uli.QuadPart, 0x8000000076543210ULL);
}

static const struct {
	NTSTATUS status;
	bool success, information, warning, error;
} types_status_classes[] = {
	/* Severity 0: success, including wait results and STATUS_PENDING. */
	{ STATUS_SUCCESS,		true,  false, false, false },
	{ STATUS_WAIT_63,		true,  false, false, false },
	{ STATUS_PENDING,		true,  false, false, false },
	{ STATUS_TIMEOUT,		true,  false, false, false },
	{ (NTSTATUS)0x3fffffff,		true,  false, false, false },
	/* Severity 1: informational, still a success. */
	{ STATUS_OBJECT_NAME_EXISTS,	true,  true,  false, false },
	{ (NTSTATUS)0x7fffffff,		true,  true,  false, false },
	/* Severity 2: warning, not a success and not an error. */
	{ STATUS_BUFFER_OVERFLOW,	false, false, true,  false },
	{ STATUS_NO_MORE_ENTRIES,	false, false, true,  false },
	{ (NTSTATUS)0x80000000,		false, false, true,  false },
	/* Severity 3: error. */
	{ STATUS_UNSUCCESSFUL,		false, false, false, true },
	{ STATUS_INVALID_PARAMETER,	false, false, false, true },
	{ STATUS_INSUFFICIENT_RESOURCES, false, false, false, true },
	{ (NTSTATUS)0xffffffff,		false, false, false, true },
};

static void types_ntstatus_classes(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types_status_classes); i++) {
		NTSTATUS s = types_status_classes[i].status;

		KUNIT_EXPECT_EQ_MSG(test, !!NT_SUCCESS(s),
				    types_status_classes[i].success,
				    "NT_SUCCESS(0x%08x)", s);
		KUNIT_EXPECT_EQ_MSG(test, !!NT_INFORMATION(s),
				    types_status_classes[i].information,
				    "NT_INFORMATION(0x%08x)", s);
		KUNIT_EXPECT_EQ_MSG(test, !!NT_WARNING(s),
				    types_status_classes[i].warning,
				    "NT_WARNING(0x%08x)", s);
		KUNIT_EXPECT_EQ_MSG(test, !!NT_ERROR(s),
				    types_status_classes[i].error,
				    "NT_ERROR(0x%08x)", s);
	}
}

static void types_ntstatus_values(struct kunit *test)
{
	/* A few values every driver relies on (ntstatus.h). */
	KUNIT_EXPECT_EQ(test, STATUS_SUCCESS, 0);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_PENDING, 0x103U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_BUFFER_OVERFLOW, 0x80000005U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_UNSUCCESSFUL, 0xc0000001U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_INVALID_PARAMETER, 0xc000000dU);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_INVALID_DEVICE_REQUEST, 0xc0000010U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_MORE_PROCESSING_REQUIRED, 0xc0000016U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_BUFFER_TOO_SMALL, 0xc0000023U);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_INSUFFICIENT_RESOURCES, 0xc000009aU);
	KUNIT_EXPECT_EQ(test, (ULONG)STATUS_CANCELLED, 0xc0000120U);
}

static void types_ctl_code(struct kunit *test)
{
	ULONG code;

	/* The first custom code of FILE_DEVICE_UNKNOWN, as drivers use it. */
	code = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED,
			FILE_ANY_ACCESS);
	KUNIT_EXPECT_EQ(test, code, 0x00222000U);
	KUNIT_EXPECT_EQ(test, DEVICE_TYPE_FROM_CTL_CODE(code), 0x22U);
	KUNIT_EXPECT_EQ(test, METHOD_FROM_CTL_CODE(code), 0U);

	code = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_OUT_DIRECT,
			FILE_READ_ACCESS | FILE_WRITE_ACCESS);
	KUNIT_EXPECT_EQ(test, code, 0x0022e006U);
	KUNIT_EXPECT_EQ(test, METHOD_FROM_CTL_CODE(code), (ULONG)METHOD_OUT_DIRECT);
	KUNIT_EXPECT_EQ(test, (code >> 14) & 3, 3U);	/* access bits */
	KUNIT_EXPECT_EQ(test, (code >> 2) & 0xfff, 0x801U);	/* function */

	code = CTL_CODE(FILE_DEVICE_DISK, 0, METHOD_IN_DIRECT, FILE_READ_ACCESS);
	KUNIT_EXPECT_EQ(test, code, 0x00074001U);
	KUNIT_EXPECT_EQ(test, DEVICE_TYPE_FROM_CTL_CODE(code), 7U);
	KUNIT_EXPECT_EQ(test, METHOD_FROM_CTL_CODE(code), (ULONG)METHOD_IN_DIRECT);

	/* The largest function and every method/access bit. */
	code = CTL_CODE(FILE_DEVICE_UNKNOWN, 0xfff, METHOD_NEITHER, 3);
	KUNIT_EXPECT_EQ(test, code, 0x0022ffffU);
	KUNIT_EXPECT_EQ(test, METHOD_FROM_CTL_CODE(code), (ULONG)METHOD_NEITHER);
	KUNIT_EXPECT_EQ(test, DEVICE_TYPE_FROM_CTL_CODE(code), 0x22U);

	/* Vendor device types (0x8000 and up) use the top bit. */
	code = CTL_CODE(0x8000, 0x900, METHOD_BUFFERED, FILE_WRITE_ACCESS);
	KUNIT_EXPECT_EQ(test, code, 0x8000a400U);
	KUNIT_EXPECT_EQ(test, DEVICE_TYPE_FROM_CTL_CODE(code), 0x8000U);
	KUNIT_EXPECT_EQ(test, DEVICE_TYPE_FROM_CTL_CODE(0xffff0003U), 0xffffU);
}

static void types_page_macros(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, BYTES_TO_PAGES(0), 0UL);
	KUNIT_EXPECT_EQ(test, BYTES_TO_PAGES(1), 1UL);
	KUNIT_EXPECT_EQ(test, BYTES_TO_PAGES(0x1000), 1UL);
	KUNIT_EXPECT_EQ(test, BYTES_TO_PAGES(0x1001), 2UL);
	KUNIT_EXPECT_EQ(test, ROUND_TO_PAGES(1), 0x1000UL);
	KUNIT_EXPECT_EQ(test, ROUND_TO_PAGES(0x2000), 0x2000UL);
	KUNIT_EXPECT_EQ(test, BYTE_OFFSET(0x12345678UL), 0x678U);
	/* Two bytes straddling a page boundary span two pages. */
	KUNIT_EXPECT_EQ(test, ADDRESS_AND_SIZE_TO_SPAN_PAGES(0x1fffUL, 2), 2U);
	KUNIT_EXPECT_EQ(test, ADDRESS_AND_SIZE_TO_SPAN_PAGES(0x1000UL, 0x1000), 1U);
	KUNIT_EXPECT_EQ(test, ADDRESS_AND_SIZE_TO_SPAN_PAGES(0x1800UL, 0x1000), 2U);
	/* As the WDK's macro: an empty range inside a page still counts it. */
	KUNIT_EXPECT_EQ(test, ADDRESS_AND_SIZE_TO_SPAN_PAGES(0x1800UL, 0), 1U);
	KUNIT_EXPECT_EQ(test, ADDRESS_AND_SIZE_TO_SPAN_PAGES(0x1000UL, 0), 0U);
	KUNIT_EXPECT_EQ(test, ALIGN_UP_BY(17, 16), 32UL);
	KUNIT_EXPECT_EQ(test, ALIGN_UP_BY(32, 16), 32UL);
	KUNIT_EXPECT_EQ(test, ALIGN_DOWN_BY(31, 16), 16UL);
}

static void types_string_initialisers(struct kunit *test)
{
	static const WCHAR abc[] = L"abc";
	UNICODE_STRING u = RTL_CONSTANT_STRING(L"abc");
	ANSI_STRING a = RTL_CONSTANT_STRING("hello");
	DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\X");
	DECLARE_UNICODE_STRING_SIZE(buf, 20);

	/* Length excludes the NUL, MaximumLength includes it (bytes). */
	KUNIT_EXPECT_EQ(test, u.Length, 6);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 8);
	KUNIT_EXPECT_EQ(test, memcmp(u.Buffer, abc, sizeof(abc)), 0);
	KUNIT_EXPECT_EQ(test, a.Length, 5);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 6);
	KUNIT_EXPECT_STREQ(test, a.Buffer, "hello");
	KUNIT_EXPECT_EQ(test, name.Length, 9 * sizeof(WCHAR));
	KUNIT_EXPECT_EQ(test, name.MaximumLength, 10 * sizeof(WCHAR));
	KUNIT_EXPECT_EQ(test, name.Buffer[0], (WCHAR)'\\');
	KUNIT_EXPECT_EQ(test, name.Buffer[8], (WCHAR)'X');
	KUNIT_EXPECT_EQ(test, buf.Length, 0);
	KUNIT_EXPECT_EQ(test, buf.MaximumLength, 40);
	KUNIT_EXPECT_PTR_EQ(test, buf.Buffer, &buf_buffer[0]);
}

static struct kunit_case types_cases[] = {
	KUNIT_CASE(types_windows_sizes),
	KUNIT_CASE(types_structure_layouts),
	KUNIT_CASE(types_large_integer_parts),
	KUNIT_CASE(types_ntstatus_classes),
	KUNIT_CASE(types_ntstatus_values),
	KUNIT_CASE(types_ctl_code),
	KUNIT_CASE(types_page_macros),
	KUNIT_CASE(types_string_initialisers),
	{}
};

static struct kunit_suite types_suite = {
	.name = "wdmshim_types",
	.test_cases = types_cases,
};

kunit_test_suites(&types_suite);
