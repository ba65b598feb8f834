// SPDX-License-Identifier: GPL-2.0
/*
 * rtl_string_test.c - KUnit tests of the counted-string routines
 * (rtl/string.c) and of code page 1252 and Unicode case mapping
 * (rtl/nls.c).
 *
 * Expectations come from the WDK documentation of each routine: Length and
 * MaximumLength count bytes; RtlInit*String caps a string at what a USHORT
 * Length can describe (0xFFFC for Unicode, 0xFFFE for ANSI) and the *Ex
 * forms refuse it instead; copy routines truncate to MaximumLength;
 * append routines append nothing when the result does not fit; conversions
 * into a caller's buffer that is too small return STATUS_BUFFER_OVERFLOW.
 * Where Windows would write a terminating NUL that does not fit in an odd
 * MaximumLength, wdmshim writes nothing past MaximumLength: guard bytes
 * after each buffer check that no routine writes beyond it.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "wdm_internal.h"

#define GUARD 0xee

/* A buffer of @size bytes followed by 16 guard bytes, all GUARD. */
static void *guarded(struct kunit *test, size_t size)
{
	u8 *p = kunit_kmalloc(test, size + 16, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, GUARD, size + 16);
	return p;
}

static void expect_guard(struct kunit *test, const void *buf, size_t size)
{
	KUNIT_EXPECT_TRUE_MSG(test, !memchr_inv((const u8 *)buf + size, GUARD, 16),
			      "bytes written past MaximumLength %zu", size);
}

static size_t wlen(const WCHAR *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* @s describes exactly the characters of the NUL-terminated @want. */
static void expect_ustr(struct kunit *test, const UNICODE_STRING *s,
			const WCHAR *want)
{
	size_t bytes = wlen(want) * sizeof(WCHAR);

	KUNIT_ASSERT_EQ(test, (size_t)s->Length, bytes);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(s->Buffer, want, bytes),
			      "characters differ");
}

static void expect_astr(struct kunit *test, const ANSI_STRING *s,
			const char *want)
{
	KUNIT_ASSERT_EQ(test, (size_t)s->Length, strlen(want));
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(s->Buffer, want, s->Length),
			      "characters differ");
}

/* A NUL-terminated string of @chars times @c, test-managed. */
static WCHAR *long_wstr(struct kunit *test, size_t chars, WCHAR c)
{
	WCHAR *w = kunit_kmalloc_array(test, chars + 1, sizeof(WCHAR),
				       GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < chars; i++)
		w[i] = c;
	w[chars] = 0;
	return w;
}

static char *long_str(struct kunit *test, size_t chars, char c)
{
	char *s = kunit_kmalloc(test, chars + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	memset(s, c, chars);
	s[chars] = 0;
	return s;
}

/* RtlInit*String */

static void string_init_unicode(struct kunit *test)
{
	static const WCHAR abc[] = L"abc";
	static const WCHAR empty[] = L"";
	UNICODE_STRING u;

	memset(&u, 0x5a, sizeof(u));
	RtlInitUnicodeString(&u, NULL);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0);
	KUNIT_EXPECT_NULL(test, u.Buffer);

	RtlInitUnicodeString(&u, empty);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 2);
	KUNIT_EXPECT_PTR_EQ(test, (const WCHAR *)u.Buffer, &empty[0]);

	/* No copy: Buffer is the source; MaximumLength counts the NUL. */
	RtlInitUnicodeString(&u, abc);
	KUNIT_EXPECT_EQ(test, u.Length, 6);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 8);
	KUNIT_EXPECT_PTR_EQ(test, (const WCHAR *)u.Buffer, &abc[0]);
}

static void string_init_unicode_limits(struct kunit *test)
{
	UNICODE_STRING u;

	/* 32765 and 32766 characters fit exactly. */
	RtlInitUnicodeString(&u, long_wstr(test, 32765, 'x'));
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffa);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffc);
	RtlInitUnicodeString(&u, long_wstr(test, 32766, 'x'));
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffc);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffe);
	/* Longer strings are cut to 32766 characters, not wrapped. */
	RtlInitUnicodeString(&u, long_wstr(test, 32767, 'x'));
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffc);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffe);
	RtlInitUnicodeString(&u, long_wstr(test, 40000, 'x'));
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffc);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffe);
}

static void string_init_unicode_ex(struct kunit *test)
{
	WCHAR *fits = long_wstr(test, 32766, 'y');
	WCHAR *too_long = long_wstr(test, 32767, 'y');
	UNICODE_STRING u;

	memset(&u, 0x5a, sizeof(u));
	KUNIT_EXPECT_EQ(test, RtlInitUnicodeStringEx(&u, too_long),
			STATUS_NAME_TOO_LONG);
	/* Refused: the destination is left alone. */
	KUNIT_EXPECT_EQ(test, u.Length, 0x5a5a);
	KUNIT_EXPECT_EQ(test, RtlInitUnicodeStringEx(&u, fits), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffc);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffe);
	KUNIT_EXPECT_PTR_EQ(test, u.Buffer, fits);
	KUNIT_EXPECT_EQ(test, RtlInitUnicodeStringEx(&u, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0);
	KUNIT_EXPECT_NULL(test, u.Buffer);
}

static void string_init_ansi(struct kunit *test)
{
	static const char hello[] = "hello";
	char *max = long_str(test, 65534, 'a');
	char *over = long_str(test, 65535, 'a');
	ANSI_STRING a;
	STRING s;

	memset(&a, 0x5a, sizeof(a));
	RtlInitAnsiString(&a, NULL);
	KUNIT_EXPECT_EQ(test, a.Length, 0);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 0);
	KUNIT_EXPECT_NULL(test, a.Buffer);

	RtlInitAnsiString(&a, hello);
	KUNIT_EXPECT_EQ(test, a.Length, 5);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 6);
	KUNIT_EXPECT_PTR_EQ(test, (const char *)a.Buffer, &hello[0]);
	RtlInitString(&s, "");
	KUNIT_EXPECT_EQ(test, s.Length, 0);
	KUNIT_EXPECT_EQ(test, s.MaximumLength, 1);

	/* 65534 bytes fit (MaximumLength 0xFFFF); more are cut to it. */
	RtlInitAnsiString(&a, max);
	KUNIT_EXPECT_EQ(test, a.Length, 0xfffe);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 0xffff);
	RtlInitAnsiString(&a, over);
	KUNIT_EXPECT_EQ(test, a.Length, 0xfffe);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 0xffff);

	memset(&a, 0x5a, sizeof(a));
	KUNIT_EXPECT_EQ(test, RtlInitAnsiStringEx(&a, over), STATUS_NAME_TOO_LONG);
	KUNIT_EXPECT_EQ(test, a.Length, 0x5a5a);
	KUNIT_EXPECT_EQ(test, RtlInitAnsiStringEx(&a, max), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, a.Length, 0xfffe);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 0xffff);
}

/* RtlCopy*String */

static void string_copy_unicode(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"abcdef");
	UNICODE_STRING dst;
	WCHAR *buf;

	/* Room for all and the NUL. */
	buf = guarded(test, 20);
	dst.Buffer = buf;
	dst.MaximumLength = 20;
	dst.Length = 0;
	RtlCopyUnicodeString(&dst, &src);
	expect_ustr(test, &dst, L"abcdef");
	KUNIT_EXPECT_EQ(test, buf[6], (WCHAR)0);
	expect_guard(test, buf, 20);

	/* Truncated to MaximumLength. */
	buf = guarded(test, 4);
	dst.Buffer = buf;
	dst.MaximumLength = 4;
	RtlCopyUnicodeString(&dst, &src);
	expect_ustr(test, &dst, L"ab");
	expect_guard(test, buf, 4);

	/* An exact fit leaves no room for a NUL: none is written. */
	buf = guarded(test, 12);
	dst.Buffer = buf;
	dst.MaximumLength = 12;
	RtlCopyUnicodeString(&dst, &src);
	expect_ustr(test, &dst, L"abcdef");
	expect_guard(test, buf, 12);

	/* NULL source: the destination becomes empty. */
	RtlCopyUnicodeString(&dst, NULL);
	KUNIT_EXPECT_EQ(test, dst.Length, 0);
	KUNIT_EXPECT_EQ(test, dst.MaximumLength, 12);
}

static void string_copy_unicode_odd_maximum(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"ab");
	UNICODE_STRING longer = RTL_CONSTANT_STRING(L"abc");
	UNICODE_STRING dst;
	u8 *buf;

	/* 4 bytes copied; the 2-byte NUL does not fit in 5. */
	buf = guarded(test, 5);
	dst.Buffer = (PWSTR)buf;
	dst.MaximumLength = 5;
	RtlCopyUnicodeString(&dst, &src);
	KUNIT_EXPECT_EQ(test, dst.Length, 4);
	KUNIT_EXPECT_EQ(test, memcmp(buf, L"ab", 4), 0);
	expect_guard(test, buf, 5);

	/* Source longer than an odd MaximumLength: 5 bytes, nothing beyond. */
	buf = guarded(test, 5);
	dst.Buffer = (PWSTR)buf;
	dst.MaximumLength = 5;
	RtlCopyUnicodeString(&dst, &longer);
	KUNIT_EXPECT_EQ(test, dst.Length, 5);
	KUNIT_EXPECT_EQ(test, memcmp(buf, L"abc", 5), 0);
	expect_guard(test, buf, 5);
}

static void string_copy_ansi(struct kunit *test)
{
	STRING src = RTL_CONSTANT_STRING("abcdef");
	STRING dst;
	char *buf;

	buf = guarded(test, 10);
	dst.Buffer = buf;
	dst.MaximumLength = 10;
	RtlCopyString(&dst, &src);
	expect_astr(test, &dst, "abcdef");
	KUNIT_EXPECT_EQ(test, buf[6], '\0');
	expect_guard(test, buf, 10);

	buf = guarded(test, 3);
	dst.Buffer = buf;
	dst.MaximumLength = 3;
	RtlCopyString(&dst, &src);
	expect_astr(test, &dst, "abc");
	expect_guard(test, buf, 3);

	RtlCopyString(&dst, NULL);
	KUNIT_EXPECT_EQ(test, dst.Length, 0);
}

/* Comparison */

static void string_compare_unicode(struct kunit *test)
{
	UNICODE_STRING abc = RTL_CONSTANT_STRING(L"abc");
	UNICODE_STRING abd = RTL_CONSTANT_STRING(L"abd");
	UNICODE_STRING ab = RTL_CONSTANT_STRING(L"ab");
	UNICODE_STRING ABC = RTL_CONSTANT_STRING(L"ABC");
	UNICODE_STRING a = RTL_CONSTANT_STRING(L"a");
	UNICODE_STRING B = RTL_CONSTANT_STRING(L"B");
	UNICODE_STRING e_acute = RTL_CONSTANT_STRING(L"\x00e9t\x00e9");
	UNICODE_STRING E_acute = RTL_CONSTANT_STRING(L"\x00c9T\x00c9");
	UNICODE_STRING full = RTL_CONSTANT_STRING(L"\xff21");
	UNICODE_STRING abX = RTL_CONSTANT_STRING(L"abX");
	UNICODE_STRING abY = RTL_CONSTANT_STRING(L"abY");

	KUNIT_EXPECT_LT(test, RtlCompareUnicodeString(&abc, &abd, FALSE), 0);
	KUNIT_EXPECT_GT(test, RtlCompareUnicodeString(&abd, &abc, FALSE), 0);
	KUNIT_EXPECT_EQ(test, RtlCompareUnicodeString(&abc, &abc, FALSE), 0);
	/* A prefix orders first: the length breaks the tie. */
	KUNIT_EXPECT_LT(test, RtlCompareUnicodeString(&ab, &abc, FALSE), 0);
	KUNIT_EXPECT_GT(test, RtlCompareUnicodeString(&abc, &ab, TRUE), 0);
	/* Case: 'A' < 'a' when sensitive, equal when not. */
	KUNIT_EXPECT_LT(test, RtlCompareUnicodeString(&ABC, &abc, FALSE), 0);
	KUNIT_EXPECT_EQ(test, RtlCompareUnicodeString(&ABC, &abc, TRUE), 0);
	/* Insensitive compares upper-cased: 'A' < 'B' though 'a' > 'B'. */
	KUNIT_EXPECT_GT(test, RtlCompareUnicodeString(&a, &B, FALSE), 0);
	KUNIT_EXPECT_LT(test, RtlCompareUnicodeString(&a, &B, TRUE), 0);
	KUNIT_EXPECT_EQ(test, RtlCompareUnicodeString(&e_acute, &E_acute, TRUE), 0);
	KUNIT_EXPECT_NE(test, RtlCompareUnicodeString(&e_acute, &E_acute, FALSE), 0);
	/* WCHARs compare unsigned. */
	KUNIT_EXPECT_GT(test, RtlCompareUnicodeString(&full, &a, FALSE), 0);
	/* Only Length bytes count. */
	abX.Length = 4;
	abY.Length = 4;
	KUNIT_EXPECT_EQ(test, RtlCompareUnicodeString(&abX, &abY, FALSE), 0);
}

static void string_equal_and_prefix_unicode(struct kunit *test)
{
	UNICODE_STRING abc = RTL_CONSTANT_STRING(L"abc");
	UNICODE_STRING ABC = RTL_CONSTANT_STRING(L"ABC");
	UNICODE_STRING ab = RTL_CONSTANT_STRING(L"ab");
	UNICODE_STRING AB = RTL_CONSTANT_STRING(L"AB");
	UNICODE_STRING abd = RTL_CONSTANT_STRING(L"abd");
	UNICODE_STRING empty = RTL_CONSTANT_STRING(L"");
	UNICODE_STRING sigma = RTL_CONSTANT_STRING(L"\x03c3\x03c2");
	UNICODE_STRING SIGMA = RTL_CONSTANT_STRING(L"\x03a3\x03a3");

	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&abc, &abc, FALSE));
	KUNIT_EXPECT_FALSE(test, RtlEqualUnicodeString(&abc, &ABC, FALSE));
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&abc, &ABC, TRUE));
	KUNIT_EXPECT_FALSE(test, RtlEqualUnicodeString(&ab, &abc, TRUE));
	KUNIT_EXPECT_FALSE(test, RtlEqualUnicodeString(&abc, &abd, TRUE));
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&sigma, &SIGMA, TRUE));

	/* RtlPrefixUnicodeString(prefix, string). */
	KUNIT_EXPECT_TRUE(test, RtlPrefixUnicodeString(&ab, &abc, FALSE));
	KUNIT_EXPECT_FALSE(test, RtlPrefixUnicodeString(&abc, &ab, FALSE));
	KUNIT_EXPECT_TRUE(test, RtlPrefixUnicodeString(&abc, &abc, FALSE));
	KUNIT_EXPECT_TRUE(test, RtlPrefixUnicodeString(&empty, &abc, FALSE));
	KUNIT_EXPECT_FALSE(test, RtlPrefixUnicodeString(&AB, &abc, FALSE));
	KUNIT_EXPECT_TRUE(test, RtlPrefixUnicodeString(&AB, &abc, TRUE));
	KUNIT_EXPECT_FALSE(test, RtlPrefixUnicodeString(&abd, &abc, TRUE));
}

static void string_compare_ansi(struct kunit *test)
{
	STRING e_acute = RTL_CONSTANT_STRING("\xe9");
	STRING E_acute = RTL_CONSTANT_STRING("\xc9");
	STRING a = RTL_CONSTANT_STRING("a");
	STRING abc = RTL_CONSTANT_STRING("abc");
	STRING abd = RTL_CONSTANT_STRING("abd");
	STRING ab = RTL_CONSTANT_STRING("ab");
	STRING hello = RTL_CONSTANT_STRING("HeLLo");
	STRING HELLO = RTL_CONSTANT_STRING("hello");

	/* Bytes compare unsigned: 0xE9 is greater than 'a'. */
	KUNIT_EXPECT_GT(test, RtlCompareString(&e_acute, &a, FALSE), 0);
	KUNIT_EXPECT_LT(test, RtlCompareString(&a, &e_acute, FALSE), 0);
	KUNIT_EXPECT_LT(test, RtlCompareString(&abc, &abd, FALSE), 0);
	KUNIT_EXPECT_LT(test, RtlCompareString(&ab, &abc, FALSE), 0);
	KUNIT_EXPECT_EQ(test, RtlCompareString(&hello, &HELLO, TRUE), 0);
	KUNIT_EXPECT_LT(test, RtlCompareString(&hello, &HELLO, FALSE), 0);
	/* Code page 1252 case: é and É are one letter. */
	KUNIT_EXPECT_EQ(test, RtlCompareString(&e_acute, &E_acute, TRUE), 0);
	KUNIT_EXPECT_GT(test, RtlCompareString(&e_acute, &E_acute, FALSE), 0);

	KUNIT_EXPECT_TRUE(test, RtlEqualString(&hello, &HELLO, TRUE));
	KUNIT_EXPECT_FALSE(test, RtlEqualString(&hello, &HELLO, FALSE));
	KUNIT_EXPECT_FALSE(test, RtlEqualString(&ab, &abc, TRUE));
}

/* Appending */

static void string_append_unicode_string(struct kunit *test)
{
	UNICODE_STRING cd = RTL_CONSTANT_STRING(L"cd");
	UNICODE_STRING empty = RTL_CONSTANT_STRING(L"");
	UNICODE_STRING dst;
	WCHAR *buf;

	buf = guarded(test, 12);
	memcpy(buf, L"ab", 4);
	dst.Buffer = buf;
	dst.Length = 4;
	dst.MaximumLength = 12;
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeStringToString(&dst, &cd),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"abcd");
	KUNIT_EXPECT_EQ(test, buf[4], (WCHAR)0);	/* NUL when room */
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeStringToString(&dst, &empty),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"abcd");

	/* Does not fit (8 + 4 > 10): nothing appended, nothing written. */
	dst.MaximumLength = 10;
	buf[4] = 'Z';
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeStringToString(&dst, &cd),
			STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, dst.Length, 8);
	KUNIT_EXPECT_EQ(test, buf[4], (WCHAR)'Z');
	expect_guard(test, buf, 12);

	/* Exact fit into an odd MaximumLength: no NUL past it. */
	buf = guarded(test, 9);
	memcpy(buf, L"ab", 4);
	dst.Buffer = buf;
	dst.Length = 4;
	dst.MaximumLength = 9;
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeStringToString(&dst, &cd),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"abcd");
	expect_guard(test, buf, 9);
}

static void string_append_unicode_to_string(struct kunit *test)
{
	UNICODE_STRING dst;
	WCHAR *buf = guarded(test, 10);

	dst.Buffer = buf;
	dst.Length = 0;
	dst.MaximumLength = 10;
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeToString(&dst, L"xy"),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeToString(&dst, NULL),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeToString(&dst, L"z"),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"xyz");
	KUNIT_EXPECT_EQ(test, buf[3], (WCHAR)0);
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeToString(&dst, L"123"),
			STATUS_BUFFER_TOO_SMALL);
	expect_ustr(test, &dst, L"xyz");
	KUNIT_EXPECT_EQ(test, RtlAppendUnicodeToString(&dst, L"12"),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"xyz12");
	expect_guard(test, buf, 10);
}

static void string_append_ansi(struct kunit *test)
{
	STRING cd = RTL_CONSTANT_STRING("cd");
	STRING dst;
	char *buf = guarded(test, 5);

	memcpy(buf, "ab", 2);
	dst.Buffer = buf;
	dst.Length = 2;
	dst.MaximumLength = 5;
	KUNIT_EXPECT_EQ(test, RtlAppendStringToString(&dst, &cd), STATUS_SUCCESS);
	expect_astr(test, &dst, "abcd");
	/* No NUL is added to an ANSI string. */
	KUNIT_EXPECT_EQ(test, (u8)buf[4], GUARD);
	KUNIT_EXPECT_EQ(test, RtlAppendStringToString(&dst, &cd),
			STATUS_BUFFER_TOO_SMALL);
	expect_astr(test, &dst, "abcd");
	expect_guard(test, buf, 5);
}

/* Case */

static void string_upcase_unicode_string(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"aBc \x00e9\x00ff\x0031");
	UNICODE_STRING dst;
	WCHAR *buf;

	buf = guarded(test, 14);
	dst.Buffer = buf;
	dst.Length = 0;
	dst.MaximumLength = 14;
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeString(&dst, &src, FALSE),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"ABC \x00c9\x0178\x0031");
	expect_guard(test, buf, 14);

	/* Too small a buffer. */
	dst.MaximumLength = 12;
	dst.Length = 0;
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeString(&dst, &src, FALSE),
			STATUS_BUFFER_OVERFLOW);

	/* Allocating: a new buffer of exactly Length bytes. */
	memset(&dst, 0, sizeof(dst));
	KUNIT_ASSERT_EQ(test, RtlUpcaseUnicodeString(&dst, &src, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_NE(test, dst.Buffer, src.Buffer);
	KUNIT_EXPECT_EQ(test, dst.MaximumLength, src.Length);
	expect_ustr(test, &dst, L"ABC \x00c9\x0178\x0031");
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(dst.Buffer, NULL, NULL, NULL));
	buf = dst.Buffer;
	RtlFreeUnicodeString(&dst);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(buf, NULL, NULL, NULL));

	/* In place. */
	buf = guarded(test, 8);
	memcpy(buf, L"mIx", 6);
	dst.Buffer = buf;
	dst.Length = 6;
	dst.MaximumLength = 8;
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeString(&dst, &dst, FALSE),
			STATUS_SUCCESS);
	expect_ustr(test, &dst, L"MIX");
}

static void string_case_ascii(struct kunit *test)
{
	static const WCHAR unchanged[] = L"09@[`{~ \t";
	WCHAR c;
	size_t i;

	for (c = 'a'; c <= 'z'; c++) {
		KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(c), (WCHAR)(c - 32));
		KUNIT_EXPECT_EQ(test, RtlDowncaseUnicodeChar(c - 32), c);
		KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(c - 32), (WCHAR)(c - 32));
		KUNIT_EXPECT_EQ(test, RtlDowncaseUnicodeChar(c), c);
	}
	/* The characters next to the letters are not letters. */
	for (i = 0; i < ARRAY_SIZE(unchanged) - 1; i++) {
		KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(unchanged[i]),
				unchanged[i]);
		KUNIT_EXPECT_EQ(test, RtlDowncaseUnicodeChar(unchanged[i]),
				unchanged[i]);
	}
}

static const struct {
	WCHAR lower, upper;
} string_case_pairs[] = {
	{ 0x00e0, 0x00c0 },	/* à À */
	{ 0x00e9, 0x00c9 },	/* é É */
	{ 0x00fe, 0x00de },	/* þ Þ */
	{ 0x0101, 0x0100 },	/* ā Ā */
	{ 0x0142, 0x0141 },	/* ł Ł */
	{ 0x0153, 0x0152 },	/* œ Œ */
	{ 0x017e, 0x017d },	/* ž Ž */
	{ 0x03b1, 0x0391 },	/* α Α */
	{ 0x03c9, 0x03a9 },	/* ω Ω */
	{ 0x03c3, 0x03a3 },	/* σ Σ */
	{ 0x03ac, 0x0386 },	/* ά Ά */
	{ 0x03cc, 0x038c },	/* ό Ό */
	{ 0x03ce, 0x038f },	/* ώ Ώ */
	{ 0x0430, 0x0410 },	/* а А */
	{ 0x0436, 0x0416 },	/* ж Ж */
	{ 0x044f, 0x042f },	/* я Я */
	{ 0x0451, 0x0401 },	/* ё Ё */
	{ 0x0452, 0x0402 },	/* ђ Ђ */
	{ 0x0461, 0x0460 },	/* ѡ Ѡ */
	{ 0xff41, 0xff21 },	/* ａ Ａ (fullwidth) */
};

static void string_case_pairs_map_both_ways(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(string_case_pairs); i++) {
		WCHAR lo = string_case_pairs[i].lower;
		WCHAR up = string_case_pairs[i].upper;

		KUNIT_EXPECT_EQ_MSG(test, RtlUpcaseUnicodeChar(lo), up,
				    "upcase U+%04X", lo);
		KUNIT_EXPECT_EQ_MSG(test, RtlDowncaseUnicodeChar(up), lo,
				    "downcase U+%04X", up);
		KUNIT_EXPECT_EQ_MSG(test, RtlUpcaseUnicodeChar(up), up,
				    "upcase U+%04X", up);
		KUNIT_EXPECT_EQ_MSG(test, RtlDowncaseUnicodeChar(lo), lo,
				    "downcase U+%04X", lo);
	}
}

static void string_case_special_letters(struct kunit *test)
{
	/* ÿ's capital is outside Latin-1. */
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(0x00ff), (WCHAR)0x0178);
	KUNIT_EXPECT_EQ(test, RtlDowncaseUnicodeChar(0x0178), (WCHAR)0x00ff);
	/* Final sigma upper-cases to Σ, which lower-cases to σ. */
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(0x03c2), (WCHAR)0x03a3);
	KUNIT_EXPECT_EQ(test, RtlDowncaseUnicodeChar(0x03a3), (WCHAR)0x03c3);
	/* ß has no one-character capital: unchanged. */
	KUNIT_EXPECT_EQ(test, RtlUpcaseUnicodeChar(0x00df), (WCHAR)0x00df);
}

static void string_case_non_letters_unchanged(struct kunit *test)
{
	static const WCHAR same[] = {
		0x00d7, 0x00f7,		/* × ÷ between Latin-1 letters */
		0x00a0, 0x00bf,
		0x0138,			/* ĸ, no capital */
		0x0149,			/* ŉ, no capital */
		0x0387, 0x03a2,		/* gaps of the Greek block */
		0x20ac, 0x2122,		/* € ™ */
		0x4e2d,			/* CJK */
		0xd800, 0xdfff,		/* surrogates */
		0xff20, 0xff3b,		/* next to the fullwidth capitals */
		0xfffd, 0xffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(same); i++) {
		KUNIT_EXPECT_EQ_MSG(test, RtlUpcaseUnicodeChar(same[i]), same[i],
				    "upcase U+%04X", same[i]);
		KUNIT_EXPECT_EQ_MSG(test, RtlDowncaseUnicodeChar(same[i]), same[i],
				    "downcase U+%04X", same[i]);
	}
}

/* Code page 1252 */

static void string_cp1252_table(struct kunit *test)
{
	static const struct {
		u8 byte;
		WCHAR wc;
	} map[] = {
		{ 0x41, 0x0041 }, { 0x7f, 0x007f }, { 0x80, 0x20ac },
		{ 0x8a, 0x0160 }, { 0x99, 0x2122 }, { 0x9f, 0x0178 },
		{ 0xa0, 0x00a0 }, { 0xe9, 0x00e9 }, { 0xff, 0x00ff },
		/* the five unassigned bytes map to the C1 controls */
		{ 0x81, 0x0081 }, { 0x8d, 0x008d }, { 0x8f, 0x008f },
		{ 0x90, 0x0090 }, { 0x9d, 0x009d },
	};
	static const WCHAR unmappable[] = { 0x0100, 0x03a9, 0x0416, 0x20ad,
					    0x4e2d, 0xfffd };
	unsigned int b, bad = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++) {
		KUNIT_EXPECT_EQ_MSG(test, wdm_ansi_to_unicode(map[i].byte),
				    map[i].wc, "byte 0x%02x", map[i].byte);
		KUNIT_EXPECT_EQ_MSG(test, wdm_unicode_to_ansi(map[i].wc),
				    map[i].byte, "U+%04X", map[i].wc);
	}
	/* Every byte survives the round trip. */
	for (b = 0; b < 256; b++)
		if (wdm_unicode_to_ansi(wdm_ansi_to_unicode(b)) != b)
			bad++;
	KUNIT_EXPECT_EQ(test, bad, 0U);
	/* The default character is '?'. */
	for (i = 0; i < ARRAY_SIZE(unmappable); i++)
		KUNIT_EXPECT_EQ_MSG(test, wdm_unicode_to_ansi(unmappable[i]), '?',
				    "U+%04X", unmappable[i]);
}

/* Conversions */

static void string_unicode_to_ansi_allocating(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"H\x00e9 \x20ac\x03a9!");
	UNICODE_STRING empty = RTL_CONSTANT_STRING(L"");
	ANSI_STRING a;

	KUNIT_EXPECT_EQ(test, RtlxUnicodeStringToAnsiSize(&src), 7U);
	memset(&a, 0, sizeof(a));
	KUNIT_ASSERT_EQ(test, RtlUnicodeStringToAnsiString(&a, &src, TRUE),
			STATUS_SUCCESS);
	/* é is 0xE9, € is 0x80, Ω has no 1252 byte: '?'. */
	expect_astr(test, &a, "H\xe9 \x80?!");
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 7);
	KUNIT_EXPECT_EQ(test, a.Buffer[6], '\0');
	RtlFreeAnsiString(&a);
	KUNIT_EXPECT_EQ(test, a.Length, 0);
	KUNIT_EXPECT_EQ(test, a.MaximumLength, 0);
	KUNIT_EXPECT_NULL(test, a.Buffer);

	KUNIT_ASSERT_EQ(test, RtlUnicodeStringToAnsiString(&a, &empty, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, a.Length, 0);
	KUNIT_EXPECT_EQ(test, a.Buffer[0], '\0');
	RtlFreeAnsiString(&a);
}

static void string_unicode_to_ansi_buffer(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"abcdef");
	ANSI_STRING a;
	char *buf;

	/* Fits with its NUL. */
	buf = guarded(test, 7);
	a.Buffer = buf;
	a.MaximumLength = 7;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringToAnsiString(&a, &src, FALSE),
			STATUS_SUCCESS);
	expect_astr(test, &a, "abcdef");
	KUNIT_EXPECT_EQ(test, buf[6], '\0');
	expect_guard(test, buf, 7);

	/* Too small: as much as fits, NUL-terminated, and a warning. */
	buf = guarded(test, 4);
	a.Buffer = buf;
	a.MaximumLength = 4;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringToAnsiString(&a, &src, FALSE),
			STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, a.Length, 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	expect_guard(test, buf, 4);

	/* No room for the NUL counts as too small. */
	buf = guarded(test, 6);
	a.Buffer = buf;
	a.MaximumLength = 6;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringToAnsiString(&a, &src, FALSE),
			STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, a.Length, 5);
	KUNIT_EXPECT_STREQ(test, buf, "abcde");
	expect_guard(test, buf, 6);

	/* MaximumLength 0: nothing can be written at all. */
	buf = guarded(test, 0);
	a.Buffer = buf;
	a.MaximumLength = 0;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringToAnsiString(&a, &src, FALSE),
			STATUS_BUFFER_OVERFLOW);
	expect_guard(test, buf, 0);
}

static void string_ansi_to_unicode_allocating(struct kunit *test)
{
	static const WCHAR want[] = { 'A', 0x20ac, 0x00e9, 0x0178, 0x0081, 'z',
				      0 };
	ANSI_STRING src = RTL_CONSTANT_STRING("A\x80\xe9\x9f\x81z");
	ANSI_STRING empty = RTL_CONSTANT_STRING("");
	UNICODE_STRING u;

	KUNIT_EXPECT_EQ(test, RtlxAnsiStringToUnicodeSize(&src), 14U);
	memset(&u, 0, sizeof(u));
	KUNIT_ASSERT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, TRUE),
			STATUS_SUCCESS);
	expect_ustr(test, &u, want);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 14);
	KUNIT_EXPECT_EQ(test, u.Buffer[6], (WCHAR)0);
	RtlFreeUnicodeString(&u);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0);
	KUNIT_EXPECT_NULL(test, u.Buffer);

	KUNIT_ASSERT_EQ(test, RtlAnsiStringToUnicodeString(&u, &empty, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 2);
	KUNIT_EXPECT_EQ(test, u.Buffer[0], (WCHAR)0);
	RtlFreeUnicodeString(&u);
	/* Freeing an empty string is harmless. */
	RtlFreeUnicodeString(&u);
	KUNIT_EXPECT_NULL(test, u.Buffer);
}

static void string_ansi_to_unicode_buffer(struct kunit *test)
{
	ANSI_STRING src = RTL_CONSTANT_STRING("abc");
	UNICODE_STRING u;
	WCHAR *buf;

	buf = guarded(test, 8);
	u.Buffer = buf;
	u.Length = 0;
	u.MaximumLength = 8;
	KUNIT_EXPECT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, FALSE),
			STATUS_SUCCESS);
	expect_ustr(test, &u, L"abc");
	KUNIT_EXPECT_EQ(test, buf[3], (WCHAR)0);
	expect_guard(test, buf, 8);

	/* Odd MaximumLength 7: the text fits, its NUL does not. */
	buf = guarded(test, 7);
	u.Buffer = buf;
	u.MaximumLength = 7;
	KUNIT_EXPECT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, FALSE),
			STATUS_SUCCESS);
	expect_ustr(test, &u, L"abc");
	expect_guard(test, buf, 7);

	/* Too small: STATUS_BUFFER_OVERFLOW and nothing converted. */
	buf = guarded(test, 6);
	u.Buffer = buf;
	u.MaximumLength = 6;
	KUNIT_EXPECT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, FALSE),
			STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(buf, GUARD, 6 + 16));
}

static void string_ansi_to_unicode_limits(struct kunit *test)
{
	char *s = long_str(test, 32767, 'q');
	ANSI_STRING src;
	UNICODE_STRING u;

	/* 32767 characters need 65536 bytes: more than a USHORT. */
	src.Buffer = s;
	src.Length = 32767;
	src.MaximumLength = 32767;
	memset(&u, 0, sizeof(u));
	KUNIT_EXPECT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, TRUE),
			STATUS_INVALID_PARAMETER_2);
	KUNIT_EXPECT_NULL(test, u.Buffer);

	/* 32766 fit: Length 0xFFFC, MaximumLength 0xFFFE. */
	src.Length = 32766;
	KUNIT_ASSERT_EQ(test, RtlAnsiStringToUnicodeString(&u, &src, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 0xfffc);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 0xfffe);
	KUNIT_EXPECT_EQ(test, u.Buffer[0], (WCHAR)'q');
	KUNIT_EXPECT_EQ(test, u.Buffer[32765], (WCHAR)'q');
	KUNIT_EXPECT_EQ(test, u.Buffer[32766], (WCHAR)0);
	RtlFreeUnicodeString(&u);
}

/* Integers */

static NTSTATUS to_integer(const WCHAR *text, size_t chars, ULONG base,
			   ULONG *value)
{
	UNICODE_STRING s;

	s.Buffer = (PWSTR)text;
	s.Length = chars * sizeof(WCHAR);
	s.MaximumLength = s.Length;
	*value = 0xcccccccc;
	return RtlUnicodeStringToInteger(&s, base, value);
}

static void string_unicode_to_integer(struct kunit *test)
{
	static const struct {
		const WCHAR *text;
		ULONG base;
		ULONG value;
	} cases[] = {
		{ L"123", 10, 123 },
		{ L"123", 0, 123 },
		{ L"0x1F", 0, 0x1f },
		{ L"0xff", 0, 0xff },
		{ L"0o17", 0, 15 },
		{ L"0b101", 0, 5 },
		{ L"101", 2, 5 },
		{ L"777", 8, 511 },
		{ L"ff", 16, 255 },
		{ L"FF", 16, 255 },
		{ L"4294967295", 10, 0xffffffff },
		{ L" -12", 10, (ULONG)(-12) },
		{ L"\t +7", 0, 7 },
		{ L"-0x10", 0, (ULONG)(-16) },
		/* parsing stops at the first non-digit of the base */
		{ L"12a", 10, 12 },
		{ L"19", 8, 1 },
		{ L"102", 2, 2 },
		{ L"1g", 16, 1 },
		{ L"0xabcdefgh", 0, 0xabcdef },
		/* a prefix is only a prefix with base 0 */
		{ L"0x1F", 16, 0 },
		{ L"0d123", 0, 0 },
		{ L"0b", 0, 0 },
		{ L"x", 16, 0 },
		/* negation and overflow wrap modulo 2^32 */
		{ L"-0xFEDCBA00", 0, 0x01234600 },
		{ L"0b1011101100", 16, 0x11101100 },
	};
	ULONG v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test, to_integer(cases[i].text,
						     wlen(cases[i].text),
						     cases[i].base, &v),
				    STATUS_SUCCESS, "case %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, v, cases[i].value, "case %zu", i);
	}

	/* Only Length counts: "1234" described as 2 characters. */
	KUNIT_EXPECT_EQ(test, to_integer(L"1234", 2, 10, &v), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, v, 12U);
}

static void string_unicode_to_integer_invalid_base(struct kunit *test)
{
	static const ULONG bad[] = { 1, 3, 7, 9, 11, 17, 36 };
	ULONG v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, to_integer(L"10", 2, bad[i], &v),
				    STATUS_INVALID_PARAMETER, "base %u", bad[i]);
}

static void string_integer_to_unicode(struct kunit *test)
{
	static const struct {
		ULONG value, base;
		const WCHAR *text;
	} cases[] = {
		{ 0, 10, L"0" },
		{ 255, 16, L"FF" },
		{ 0xdeadbeef, 16, L"DEADBEEF" },
		{ 0xffffffff, 10, L"4294967295" },
		{ 0xffffffff, 2, L"11111111111111111111111111111111" },
		{ 5, 2, L"101" },
		{ 8, 8, L"10" },
		{ 1234, 0, L"1234" },	/* base 0 is decimal */
	};
	UNICODE_STRING s;
	WCHAR *buf;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		buf = guarded(test, 80);
		s.Buffer = buf;
		s.Length = 0;
		s.MaximumLength = 80;
		KUNIT_EXPECT_EQ_MSG(test,
				    RtlIntegerToUnicodeString(cases[i].value,
							      cases[i].base, &s),
				    STATUS_SUCCESS, "case %zu", i);
		expect_ustr(test, &s, cases[i].text);
		KUNIT_EXPECT_EQ(test, buf[s.Length / 2], (WCHAR)0);
	}

	/* Five digits need 12 bytes with the NUL. */
	buf = guarded(test, 12);
	s.Buffer = buf;
	s.Length = 0;
	s.MaximumLength = 10;
	KUNIT_EXPECT_EQ(test, RtlIntegerToUnicodeString(12345, 10, &s),
			STATUS_BUFFER_OVERFLOW);
	/* Nothing written (Windows may still set Length). */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(buf, GUARD, 12 + 16));
	s.MaximumLength = 12;
	KUNIT_EXPECT_EQ(test, RtlIntegerToUnicodeString(12345, 10, &s),
			STATUS_SUCCESS);
	expect_ustr(test, &s, L"12345");
	expect_guard(test, buf, 12);

	KUNIT_EXPECT_EQ(test, RtlIntegerToUnicodeString(1, 7, &s),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, RtlIntegerToUnicodeString(1, 36, &s),
			STATUS_INVALID_PARAMETER);
}

static void string_conversion_sizes(struct kunit *test)
{
	UNICODE_STRING u = RTL_CONSTANT_STRING(L"abc");
	ANSI_STRING a = RTL_CONSTANT_STRING("abc");

	/* Sizes include the NUL. */
	KUNIT_EXPECT_EQ(test, RtlxUnicodeStringToAnsiSize(&u), 4U);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringToAnsiSize(&u), 4U);
	KUNIT_EXPECT_EQ(test, RtlxAnsiStringToUnicodeSize(&a), 8U);
	KUNIT_EXPECT_EQ(test, RtlAnsiStringToUnicodeSize(&a), 8U);
	u.Length = 0;
	a.Length = 0;
	KUNIT_EXPECT_EQ(test, RtlxUnicodeStringToAnsiSize(&u), 1U);
	KUNIT_EXPECT_EQ(test, RtlxAnsiStringToUnicodeSize(&a), 2U);
}

static struct kunit_case rtl_string_cases[] = {
	KUNIT_CASE(string_init_unicode),
	KUNIT_CASE(string_init_unicode_limits),
	KUNIT_CASE(string_init_unicode_ex),
	KUNIT_CASE(string_init_ansi),
	KUNIT_CASE(string_copy_unicode),
	KUNIT_CASE(string_copy_unicode_odd_maximum),
	KUNIT_CASE(string_copy_ansi),
	KUNIT_CASE(string_compare_unicode),
	KUNIT_CASE(string_equal_and_prefix_unicode),
	KUNIT_CASE(string_compare_ansi),
	KUNIT_CASE(string_append_unicode_string),
	KUNIT_CASE(string_append_unicode_to_string),
	KUNIT_CASE(string_append_ansi),
	KUNIT_CASE(string_upcase_unicode_string),
	KUNIT_CASE(string_case_ascii),
	KUNIT_CASE(string_case_pairs_map_both_ways),
	KUNIT_CASE(string_case_special_letters),
	KUNIT_CASE(string_case_non_letters_unchanged),
	KUNIT_CASE(string_cp1252_table),
	KUNIT_CASE(string_unicode_to_ansi_allocating),
	KUNIT_CASE(string_unicode_to_ansi_buffer),
	KUNIT_CASE(string_ansi_to_unicode_allocating),
	KUNIT_CASE(string_ansi_to_unicode_buffer),
	KUNIT_CASE(string_ansi_to_unicode_limits),
	KUNIT_CASE(string_unicode_to_integer),
	KUNIT_CASE(string_unicode_to_integer_invalid_base),
	KUNIT_CASE(string_integer_to_unicode),
	KUNIT_CASE(string_conversion_sizes),
	{}
};

static struct kunit_suite rtl_string_suite = {
	.name = "wdmshim_rtl_string",
	.test_cases = rtl_string_cases,
};

kunit_test_suites(&rtl_string_suite);
