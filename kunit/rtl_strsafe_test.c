// SPDX-License-Identifier: GPL-2.0
/*
 * rtl_strsafe_test.c - KUnit tests of <ntstrsafe.h> (rtl/strsafe.c):
 * every routine's result, truncation and error cases.
 *
 * Expectations come from the WDK documentation: a result that does not
 * fit is truncated, NUL-terminated and STATUS_BUFFER_OVERFLOW; a size of
 * 0 or above NTSTRSAFE_MAX_CCH, a NULL pointer or a destination to append
 * to without a NUL is STATUS_INVALID_PARAMETER (the non-Ex routines then
 * leave an empty string in a destination they may write); Ex routines
 * report the end of the string and the room left (including the NUL, in
 * bytes for Cb) on success and truncation only, and apply dwFlags on
 * failure; UNICODE_STRING results are counted, not terminated. Guard
 * bytes after every destination check that nothing writes beyond it.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "wdm_internal.h"
#include <ntstrsafe.h>

#define GUARD 0xee
#define OVERFLOW STATUS_BUFFER_OVERFLOW
#define INVALID STATUS_INVALID_PARAMETER
#define HUGE_CCH ((size_t)NTSTRSAFE_MAX_CCH + 1)

/* @size bytes of GUARD followed by 16 more guard bytes. */
static void *guarded(struct kunit *test, size_t size)
{
	u8 *p = kunit_kmalloc(test, size + 16, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, GUARD, size + 16);
	return p;
}

#define EXPECT_GUARD(test, buf, size)					\
	KUNIT_EXPECT_TRUE_MSG(test,					\
		!memchr_inv((const u8 *)(buf) + (size), GUARD, 16),	\
		"written past the destination")

static size_t wlen(const WCHAR *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool weq(const WCHAR *a, const WCHAR *b)
{
	return wlen(a) == wlen(b) && !memcmp(a, b, wlen(a) * sizeof(WCHAR));
}

#define EXPECT_WSTR(test, got, want) \
	KUNIT_EXPECT_TRUE_MSG(test, weq(got, want), "wide string differs")

/* UNICODE_STRING @s holds exactly @want. */
static bool ueq(const UNICODE_STRING *s, const WCHAR *want)
{
	return s->Length == wlen(want) * sizeof(WCHAR) &&
	       !memcmp(s->Buffer, want, s->Length);
}

#define EXPECT_USTR(test, s, want) \
	KUNIT_EXPECT_TRUE_MSG(test, ueq(s, want), "UNICODE_STRING differs")

/* Copy, character counts, CHAR and WCHAR. */
static void strsafe_copy_cch(struct kunit *test)
{
	char *a = guarded(test, 4);
	WCHAR *w = guarded(test, 4 * sizeof(WCHAR));

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 4, "abc"), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abc");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 4, "abcd"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abc");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 1, "abcd"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 4, ""), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "");
	EXPECT_GUARD(test, a, 4);
	/* errors: nothing copied, an empty string left where possible */
	a[0] = 'x';
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 0, "abc"), INVALID);
	KUNIT_EXPECT_EQ(test, a[0], 'x');
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, HUGE_CCH, "abc"), INVALID);
	KUNIT_EXPECT_EQ(test, a[0], 0);
	a[0] = 'x';
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(a, 4, NULL), INVALID);
	KUNIT_EXPECT_EQ(test, a[0], 0);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyA(NULL, 4, "abc"), INVALID);
	EXPECT_GUARD(test, a, 4);

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyW(w, 4, L"xyz"), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"xyz");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyW(w, 4, L"wxyz"), OVERFLOW);
	EXPECT_WSTR(test, w, L"wxy");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyW(w, 0, L"a"), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyW(w, HUGE_CCH, L"a"), INVALID);
	KUNIT_EXPECT_EQ(test, w[0], 0);
	EXPECT_GUARD(test, w, 4 * sizeof(WCHAR));
}

/* Copy, byte counts: a W destination of an odd size holds size / 2. */
static void strsafe_copy_cb(struct kunit *test)
{
	char *a = guarded(test, 4);
	WCHAR *w = guarded(test, 7);

	KUNIT_EXPECT_EQ(test, RtlStringCbCopyA(a, 4, "abc"), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyA(a, 3, "abc"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyA(a, 0, "abc"), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyA(a, HUGE_CCH, "abc"), INVALID);
	EXPECT_GUARD(test, a, 4);

	KUNIT_EXPECT_EQ(test, RtlStringCbCopyW(w, 7, L"ab"), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyW(w, 7, L"abc"), OVERFLOW);
	EXPECT_WSTR(test, w, L"ab");
	KUNIT_EXPECT_EQ(test, ((u8 *)w)[6], GUARD);	/* the odd byte */
	/* one byte holds no WCHAR at all */
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyW(w, 1, L"a"), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyW(w, HUGE_CCH * 2, L"a"),
			INVALID);
	EXPECT_GUARD(test, w, 7);
}

static void strsafe_copy_n(struct kunit *test)
{
	char *a = guarded(test, 6);
	WCHAR *w = guarded(test, 6 * sizeof(WCHAR));

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNA(a, 6, "abcdef", 3),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abc");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNA(a, 6, "ab", 5), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNA(a, 6, "abcdefgh", 7), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNA(a, 6, "abc", HUGE_CCH),
			INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNA(a, 6, "abcdef", 2),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNA(a, 3, "abcdef", 4), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	EXPECT_GUARD(test, a, 6);

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNW(w, 6, L"abcdef", 4),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcd");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNW(w, 3, L"abcdef", 4), OVERFLOW);
	EXPECT_WSTR(test, w, L"ab");
	/* Cb: the count is in bytes too */
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNW(w, 12, L"abcdef", 6),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNW(w, 6, L"abcdef", 12), OVERFLOW);
	EXPECT_WSTR(test, w, L"ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNW(w, 12, L"a", HUGE_CCH * 2),
			INVALID);
	EXPECT_GUARD(test, w, 6 * sizeof(WCHAR));
}

static void strsafe_cat(struct kunit *test)
{
	char *a = guarded(test, 6);
	WCHAR *w = guarded(test, 6 * sizeof(WCHAR));

	strscpy(a, "ab", 6);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 6, "cd"), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abcd");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 6, "efg"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	/* full: only "" still fits */
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 6, ""), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 6, "x"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	/* no NUL within the destination: rejected, untouched */
	memset(a, 'z', 6);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 6, "x"), INVALID);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(a, 'z', 6));
	KUNIT_EXPECT_EQ(test, RtlStringCchCatA(a, 0, "x"), INVALID);
	strscpy(a, "a", 6);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatA(a, 3, "bc"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatA(a, 6, NULL), INVALID);
	KUNIT_EXPECT_STREQ(test, a, "ab");
	EXPECT_GUARD(test, a, 6);

	RtlStringCchCopyW(w, 6, L"ab");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatW(w, 6, L"cd"), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcd");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatW(w, 6, L"ef"), OVERFLOW);
	EXPECT_WSTR(test, w, L"abcde");
	RtlStringCchCopyW(w, 6, L"ab");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatW(w, 8, L"cd"), OVERFLOW);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatW(w, 0, L"cd"), INVALID);
	EXPECT_GUARD(test, w, 6 * sizeof(WCHAR));
}

static void strsafe_cat_n(struct kunit *test)
{
	char *a = guarded(test, 6);
	WCHAR *w = guarded(test, 6 * sizeof(WCHAR));

	strscpy(a, "ab", 6);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNA(a, 6, "cdef", 2),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abcd");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNA(a, 6, "efgh", 3), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNA(a, 6, "x", HUGE_CCH), INVALID);
	strscpy(a, "a", 6);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatNA(a, 6, "bcdef", 2),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abc");
	EXPECT_GUARD(test, a, 6);

	RtlStringCchCopyW(w, 6, L"a");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNW(w, 6, L"bcdef", 2),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatNW(w, 12, L"defg", 8), OVERFLOW);
	EXPECT_WSTR(test, w, L"abcde");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatNW(w, 12, L"x", HUGE_CCH * 2),
			INVALID);
	EXPECT_GUARD(test, w, 6 * sizeof(WCHAR));
}

/* The Ex routines: end, remaining, and every flag. */
static void strsafe_copy_ex(struct kunit *test)
{
	char *a = guarded(test, 8);
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	NTSTRSAFE_PSTR end;
	NTSTRSAFE_PWSTR wend;
	size_t rem;

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, "abc", &end, &rem, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, end, a + 3);
	KUNIT_EXPECT_EQ(test, rem, 5UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 3, "abc", &end, &rem, 0),
			OVERFLOW);
	KUNIT_EXPECT_PTR_EQ(test, end, a + 2);
	KUNIT_EXPECT_EQ(test, rem, 1UL);
	/* not set on an error */
	end = NULL;
	rem = 99;
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 0, "abc", &end, &rem, 0),
			INVALID);
	KUNIT_EXPECT_NULL(test, end);
	KUNIT_EXPECT_EQ(test, rem, 99UL);
	/* unknown flags */
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, "abc", NULL, NULL,
						  0x80000000), INVALID);
	/* STRSAFE_IGNORE_NULLS: NULL source is "", NULL destination of 0 */
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, NULL, &end, &rem,
						  STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(NULL, 0, NULL, NULL, NULL,
						  STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(NULL, 0, "x", NULL, NULL,
						  STRSAFE_IGNORE_NULLS),
			INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(NULL, 4, "", NULL, NULL,
						  STRSAFE_IGNORE_NULLS),
			INVALID);
	/* STRSAFE_FILL_BEHIND_NULL on success */
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, "ab", NULL, NULL,
						  STRSAFE_FILL_BYTE('#')),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp(a, "ab\0#####", 8), 0);
	/* STRSAFE_FILL_ON_FAILURE: all filled, the last character a NUL */
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, "abcdefghij", &end,
						  &rem,
						  STRSAFE_FAILURE_BYTE('*')),
			OVERFLOW);
	KUNIT_EXPECT_EQ(test, memcmp(a, "*******\0", 8), 0);
	KUNIT_EXPECT_PTR_EQ(test, end, a + 7);
	KUNIT_EXPECT_EQ(test, rem, 1UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 8, "abcdefghij", &end,
						  &rem, STRSAFE_FAILURE_BYTE(0)),
			OVERFLOW);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(a, 0, 8));
	KUNIT_EXPECT_PTR_EQ(test, end, a);
	KUNIT_EXPECT_EQ(test, rem, 8UL);
	/* STRSAFE_NULL_ON_FAILURE and STRSAFE_NO_TRUNCATION: empty */
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 4, "abcdef", &end, &rem,
						  STRSAFE_NULL_ON_FAILURE),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, rem, 4UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExA(a, 4, "abcdef", NULL, NULL,
						  STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	EXPECT_GUARD(test, a, 8);

	/* Cb: remaining in bytes, the odd byte counted */
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyExW(w, 9, L"ab", &wend, &rem, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, wend, w + 2);
	KUNIT_EXPECT_EQ(test, rem, 5UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyExW(w, 8, L"abcdefghij", &wend,
						  &rem, 0), OVERFLOW);
	EXPECT_WSTR(test, w, L"abcdefg");
	KUNIT_EXPECT_EQ(test, rem, 1UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyExA(a, 8, "abcdefghij", NULL,
						 &rem, STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, rem, 8UL);
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static void strsafe_n_ex(struct kunit *test)
{
	char *a = guarded(test, 8);
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	NTSTRSAFE_PSTR end;
	NTSTRSAFE_PWSTR wend;
	size_t rem;

	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNExA(a, 8, "abcdef", 4, &end,
						   &rem, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abcd");
	KUNIT_EXPECT_EQ(test, rem, 4UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNExA(a, 4, "abcdef", 6, &end,
						  &rem, STRSAFE_NULL_ON_FAILURE),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNExW(w, 8, L"abcdef", 2, &wend,
						   &rem, 0), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"ab");
	KUNIT_EXPECT_PTR_EQ(test, wend, w + 2);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyNExW(w, 16, L"abcdef", 8, &wend,
						  &rem, 0), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcd");
	KUNIT_EXPECT_EQ(test, rem, 8UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyNExW(w, 8, L"a", HUGE_CCH, NULL,
						   NULL, 0), INVALID);

	strscpy(a, "ab", 8);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNExA(a, 8, "cdefgh", 3, &end,
						  &rem, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	KUNIT_EXPECT_PTR_EQ(test, end, a + 5);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatNExA(a, 8, "fghij", 5, NULL, NULL,
						 STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	RtlStringCchCopyW(w, 8, L"ab");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatNExW(w, 8, L"cdefgh", 2, &wend,
						  &rem, 0), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcd");
	KUNIT_EXPECT_EQ(test, rem, 4UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatNExW(w, 16, L"efghij", 12, &wend,
						 &rem, STRSAFE_NULL_ON_FAILURE),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"");
	EXPECT_GUARD(test, a, 8);
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static void strsafe_cat_ex(struct kunit *test)
{
	char *a = guarded(test, 8);
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	NTSTRSAFE_PSTR end;
	NTSTRSAFE_PWSTR wend;
	size_t rem;

	strscpy(a, "abc", 8);
	KUNIT_EXPECT_EQ(test, RtlStringCchCatExA(a, 8, "de", &end, &rem, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	KUNIT_EXPECT_PTR_EQ(test, end, a + 5);
	KUNIT_EXPECT_EQ(test, rem, 3UL);
	/* STRSAFE_NO_TRUNCATION: the original string stays */
	KUNIT_EXPECT_EQ(test, RtlStringCchCatExA(a, 8, "fghij", &end, &rem,
						 STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcde");
	KUNIT_EXPECT_PTR_EQ(test, end, a + 5);
	KUNIT_EXPECT_EQ(test, rem, 3UL);
	/* without it, truncated */
	KUNIT_EXPECT_EQ(test, RtlStringCbCatExA(a, 8, "fghij", &end, &rem, 0),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "abcdefg");
	KUNIT_EXPECT_EQ(test, rem, 1UL);
	/* STRSAFE_NULL_ON_FAILURE empties even what was there */
	KUNIT_EXPECT_EQ(test, RtlStringCchCatExA(a, 8, "x", NULL, NULL,
						 STRSAFE_NULL_ON_FAILURE),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	/* STRSAFE_FILL_BEHIND_NULL after the appended string */
	KUNIT_EXPECT_EQ(test, RtlStringCchCatExA(a, 8, "ab", NULL, NULL,
						 STRSAFE_FILL_BYTE('-')),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp(a, "ab\0-----", 8), 0);
	EXPECT_GUARD(test, a, 8);

	RtlStringCchCopyW(w, 8, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatExW(w, 8, L"defgh", &wend, &rem,
						 STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatExW(w, 16, L"de", &wend, &rem, 0),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcde");
	KUNIT_EXPECT_PTR_EQ(test, wend, w + 5);
	KUNIT_EXPECT_EQ(test, rem, 6UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatExW(w, 16, NULL, NULL, NULL,
						STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcde");
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static void strsafe_printf(struct kunit *test)
{
	UNICODE_STRING u = RTL_CONSTANT_STRING(L"wide");
	char *a = guarded(test, 16);
	WCHAR *w = guarded(test, 16 * sizeof(WCHAR));

	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfA(a, 16, "%d-%ws-%wZ", 42,
						  L"x", &u), STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "42-x-wide");
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfA(a, 16, "%I64x/%lu",
						  0x123456789ULL, 7U),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "123456789/7");
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfA(a, 6, "%s", "truncated"),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "trunc");
	KUNIT_EXPECT_EQ(test, RtlStringCbPrintfA(a, 4, "%u", 12345U), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "123");
	KUNIT_EXPECT_EQ(test, RtlStringCbPrintfA(a, 0, "x"), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfA(a, HUGE_CCH, "x"), INVALID);
	KUNIT_EXPECT_EQ(test, a[0], 0);
	a[0] = 'q';
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfA(a, 16, NULL), INVALID);
	KUNIT_EXPECT_EQ(test, a[0], 0);
	EXPECT_GUARD(test, a, 16);

	/* wide: %s is wide, %S and %hs narrow, as in swprintf */
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfW(w, 16, L"%s|%S|%hs|%c", L"ab",
						  "cd", "ef", L'g'),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"ab|cd|ef|g");
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfW(w, 16, L"%wZ:%08x", &u,
						  0xbeefU), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"wide:0000beef");
	/* non-ASCII survives the trip through UTF-8 */
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfW(w, 16, L"\x00e9%s",
						  L"\x20ac"), STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"\x00e9\x20ac");
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfW(w, 4, L"%d", 123456),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"123");
	/* a surrogate pair is not cut in half */
	KUNIT_EXPECT_EQ(test, RtlStringCchPrintfW(w, 3, L"a%s",
						  L"\xd83d\xde00"), OVERFLOW);
	EXPECT_WSTR(test, w, L"a");
	KUNIT_EXPECT_EQ(test, RtlStringCbPrintfW(w, 9, L"%u", 123456U),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"123");
	KUNIT_EXPECT_EQ(test, RtlStringCbPrintfW(w, 1, L"x"), INVALID);
	EXPECT_GUARD(test, w, 16 * sizeof(WCHAR));
}

static NTSTATUS call_vprintf(int which, PVOID dest, size_t size,
			     PVOID *end, size_t *rem, ULONG flags,
			     PCVOID fmt, ...)
{
	NTSTATUS status = INVALID;
	va_list ap;

	va_start(ap, fmt);
	switch (which) {
	case 0:
		status = RtlStringCchVPrintfA(dest, size, fmt, ap);
		break;
	case 1:
		status = RtlStringCbVPrintfA(dest, size, fmt, ap);
		break;
	case 2:
		status = RtlStringCchVPrintfW(dest, size, fmt, ap);
		break;
	case 3:
		status = RtlStringCbVPrintfW(dest, size, fmt, ap);
		break;
	case 4:
		status = RtlStringCchVPrintfExA(dest, size, (NTSTRSAFE_PSTR *)end,
						rem, flags, fmt, ap);
		break;
	case 5:
		status = RtlStringCbVPrintfExA(dest, size, (NTSTRSAFE_PSTR *)end,
					       rem, flags, fmt, ap);
		break;
	case 6:
		status = RtlStringCchVPrintfExW(dest, size,
						(NTSTRSAFE_PWSTR *)end, rem,
						flags, fmt, ap);
		break;
	case 7:
		status = RtlStringCbVPrintfExW(dest, size,
					       (NTSTRSAFE_PWSTR *)end, rem,
					       flags, fmt, ap);
		break;
	case 8:
		status = RtlUnicodeStringVPrintf(dest, fmt, ap);
		break;
	}
	va_end(ap);
	return status;
}

static void strsafe_vprintf(struct kunit *test)
{
	char *a = guarded(test, 8);
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	PVOID end;
	size_t rem;

	KUNIT_EXPECT_EQ(test, call_vprintf(0, a, 8, NULL, NULL, 0, "%d", 7),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "7");
	KUNIT_EXPECT_EQ(test, call_vprintf(1, a, 3, NULL, NULL, 0, "%d", 789),
			OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "78");
	KUNIT_EXPECT_EQ(test, call_vprintf(2, w, 8, NULL, NULL, 0, L"%s", L"hi"),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"hi");
	KUNIT_EXPECT_EQ(test, call_vprintf(3, w, 4, NULL, NULL, 0, L"%d", 789),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"7");
	KUNIT_EXPECT_EQ(test, call_vprintf(4, a, 8, &end, &rem, 0, "%x", 255),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "ff");
	KUNIT_EXPECT_PTR_EQ(test, end, (PVOID)(a + 2));
	KUNIT_EXPECT_EQ(test, rem, 6UL);
	KUNIT_EXPECT_EQ(test, call_vprintf(5, a, 4, &end, &rem,
					   STRSAFE_NO_TRUNCATION, "%s",
					   "long"), OVERFLOW);
	KUNIT_EXPECT_STREQ(test, a, "");
	KUNIT_EXPECT_EQ(test, rem, 4UL);
	KUNIT_EXPECT_EQ(test, call_vprintf(6, w, 8, &end, &rem,
					   STRSAFE_FILL_BYTE(0), L"%d", 12),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"12");
	KUNIT_EXPECT_PTR_EQ(test, end, (PVOID)(w + 2));
	KUNIT_EXPECT_EQ(test, rem, 6UL);
	KUNIT_EXPECT_EQ(test, call_vprintf(7, w, 8, &end, &rem,
					   STRSAFE_NULL_ON_FAILURE, L"%d",
					   12345), OVERFLOW);
	EXPECT_WSTR(test, w, L"");
	KUNIT_EXPECT_EQ(test, rem, 8UL);
	KUNIT_EXPECT_EQ(test, call_vprintf(6, NULL, 0, NULL, NULL,
					   STRSAFE_IGNORE_NULLS, NULL),
			STATUS_SUCCESS);
	EXPECT_GUARD(test, a, 8);
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static NTSTATUS printf_ex(int which, PVOID dest, size_t size, PVOID *end,
			  size_t *rem, ULONG flags)
{
	switch (which) {
	case 0:
		return RtlStringCchPrintfExA(dest, size, (NTSTRSAFE_PSTR *)end,
					     rem, flags, "%s=%d", "n", 100);
	case 1:
		return RtlStringCbPrintfExA(dest, size, (NTSTRSAFE_PSTR *)end,
					    rem, flags, "%s=%d", "n", 100);
	case 2:
		return RtlStringCchPrintfExW(dest, size, (NTSTRSAFE_PWSTR *)end,
					     rem, flags, L"%s=%d", L"n", 100);
	default:
		return RtlStringCbPrintfExW(dest, size, (NTSTRSAFE_PWSTR *)end,
					    rem, flags, L"%s=%d", L"n", 100);
	}
}

static void strsafe_printf_ex(struct kunit *test)
{
	char *a = guarded(test, 8);
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	PVOID end;
	size_t rem;

	KUNIT_EXPECT_EQ(test, printf_ex(0, a, 8, &end, &rem, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, a, "n=100");
	KUNIT_EXPECT_EQ(test, rem, 3UL);
	KUNIT_EXPECT_EQ(test, printf_ex(1, a, 4, &end, &rem,
					STRSAFE_FAILURE_BYTE('!')), OVERFLOW);
	KUNIT_EXPECT_EQ(test, memcmp(a, "!!!\0", 4), 0);
	KUNIT_EXPECT_EQ(test, rem, 1UL);
	KUNIT_EXPECT_EQ(test, printf_ex(0, a, 8, NULL, NULL, 0x10000), INVALID);
	KUNIT_EXPECT_EQ(test, printf_ex(2, w, 8, &end, &rem, 0),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"n=100");
	KUNIT_EXPECT_PTR_EQ(test, end, (PVOID)(w + 5));
	KUNIT_EXPECT_EQ(test, printf_ex(3, w, 8, &end, &rem, 0), OVERFLOW);
	EXPECT_WSTR(test, w, L"n=1");
	KUNIT_EXPECT_EQ(test, rem, 2UL);
	KUNIT_EXPECT_EQ(test, printf_ex(3, w, 0, &end, &rem, 0), INVALID);
	EXPECT_GUARD(test, a, 8);
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static void strsafe_length(struct kunit *test)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };
	size_t len;

	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA("abc", 4, &len),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 3UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA("abc", 4, NULL),
			STATUS_SUCCESS);
	/* the NUL must lie within the maximum */
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA("abc", 3, &len), INVALID);
	KUNIT_EXPECT_EQ(test, len, 0UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA(unterminated, 4, &len),
			INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA(NULL, 4, &len), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA("a", 0, &len), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthA("a", HUGE_CCH, &len), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCbLengthA("abc", 4, &len),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 3UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbLengthA("abc", 3, &len), INVALID);

	KUNIT_EXPECT_EQ(test, RtlStringCchLengthW(L"abcd", 5, &len),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 4UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchLengthW(L"abcd", 4, &len), INVALID);
	/* Cb counts bytes, both ways */
	KUNIT_EXPECT_EQ(test, RtlStringCbLengthW(L"abcd", 10, &len),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 8UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbLengthW(L"abcd", 9, &len), INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCbLengthW(L"a", 1, &len), INVALID);
}

static void strsafe_ustr_init_validate(struct kunit *test)
{
	WCHAR *big = kunit_kmalloc_array(test, 32769, sizeof(WCHAR),
					 GFP_KERNEL);
	WCHAR buf[4];
	UNICODE_STRING u;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInit(&u, L"abc"), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 6);
	KUNIT_EXPECT_EQ(test, u.MaximumLength, 8);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInit(&u, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	KUNIT_EXPECT_NULL(test, u.Buffer);
	for (i = 0; i < 32768; i++)
		big[i] = 'x';
	big[32768] = 0;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInit(&u, big), INVALID);
	KUNIT_EXPECT_EQ(test, u.Length, 0);
	big[32767] = 0;		/* NTSTRSAFE_UNICODE_STRING_MAX_CCH: fits */
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInit(&u, big), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, u.Length, 65534);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInitEx(NULL, NULL,
						     STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInitEx(NULL, L"a", 0), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringInitEx(&u, L"a", 0x400), INVALID);

	u.Buffer = buf;
	u.MaximumLength = sizeof(buf);
	u.Length = 4;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(&u), STATUS_SUCCESS);
	u.Length = 3;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(&u), INVALID);
	u.Length = 10;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(&u), INVALID);
	u.Length = 0;
	u.MaximumLength = 65535;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(&u), INVALID);
	u.MaximumLength = 4;
	u.Buffer = NULL;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(&u), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidate(NULL), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidateEx(NULL,
							 STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringValidateEx(&u, 0x200), INVALID);
}

/* A UNICODE_STRING over @chars WCHARs of guarded storage, holding @s. */
static UNICODE_STRING ustr(struct kunit *test, size_t chars, const WCHAR *s)
{
	UNICODE_STRING u;

	u.Buffer = guarded(test, chars * sizeof(WCHAR));
	u.MaximumLength = chars * sizeof(WCHAR);
	u.Length = wlen(s) * sizeof(WCHAR);
	memcpy(u.Buffer, s, u.Length);
	return u;
}

static void strsafe_ustr_copy(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"abcdef");
	UNICODE_STRING d = ustr(test, 4, L""), empty = ustr(test, 0, L"");
	UNICODE_STRING bad = d;

	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopyString(&d, L"ab"),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"ab");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopyString(&d, L"abcd"),
			STATUS_SUCCESS);	/* no room for a NUL needed */
	EXPECT_USTR(test, &d, L"abcd");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopy(&d, &src), OVERFLOW);
	EXPECT_USTR(test, &d, L"abcd");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopyString(&d, L"xyzzy"),
			OVERFLOW);
	EXPECT_USTR(test, &d, L"xyzz");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopyString(&d, NULL), INVALID);
	/* no room at all, something to copy */
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopy(&empty, &src), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopyString(&empty, L""),
			STATUS_SUCCESS);
	bad.Length = 3;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopy(&d, &bad), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCopy(&bad, &src), INVALID);
	EXPECT_GUARD(test, d.Buffer, 8);

	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCopyN(&d, &src, 2),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"ab");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCopyN(&d, &src, 5), OVERFLOW);
	EXPECT_USTR(test, &d, L"abcd");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCopyN(&d, &src, 6),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"abc");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCopyN(&d, &src, 12), OVERFLOW);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCopyStringN(&d, L"qrstu", 3),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"qrs");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCopyStringN(&d, L"qrstu", 9),
			OVERFLOW);
	EXPECT_USTR(test, &d, L"qrst");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCopyStringN(&d, L"qrstu", 4),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"qr");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCopyStringN(&d, L"qrstu", 10),
			OVERFLOW);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCopyN(&d, &src, 32768),
			INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCopyStringN(&d, L"a", 65536),
			INVALID);
	EXPECT_GUARD(test, d.Buffer, 8);
}

static void strsafe_ustr_cat(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"cdef");
	UNICODE_STRING d = ustr(test, 5, L"ab");

	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCatString(&d, L"c"),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"abc");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCat(&d, &src), OVERFLOW);
	EXPECT_USTR(test, &d, L"abccd");
	/* full: nothing more to add */
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCatString(&d, L""),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCatString(&d, L"x"), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCat(&d, NULL), INVALID);
	EXPECT_GUARD(test, d.Buffer, 10);

	d.Length = 2;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCatN(&d, &src, 2),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"acd");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCatN(&d, &src, 2),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"acdc");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCatN(&d, &src, 8), OVERFLOW);
	EXPECT_USTR(test, &d, L"acdcc");
	d.Length = 2;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCatStringN(&d, L"xyz", 2),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"axy");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCatStringN(&d, L"xyz", 3),
			OVERFLOW);
	EXPECT_USTR(test, &d, L"axyxy");
	d.Length = 2;
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCatStringN(&d, L"xyz", 2),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"ax");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCbCatStringN(&d, L"xyzw", 8),
			OVERFLOW);
	EXPECT_USTR(test, &d, L"axxyz");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringCchCatN(&d, &src, 40000),
			INVALID);
	EXPECT_GUARD(test, d.Buffer, 10);
}

static void strsafe_ustr_printf(struct kunit *test)
{
	UNICODE_STRING d = ustr(test, 6, L"old"), none = ustr(test, 0, L"");

	KUNIT_EXPECT_EQ(test, RtlUnicodeStringPrintf(&d, L"%d:%s", 5, L"ab"),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"5:ab");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringPrintf(&d, L"%06d", 42),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"000042");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringPrintf(&d, L"%s", L"toolong"),
			OVERFLOW);
	EXPECT_USTR(test, &d, L"toolon");
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringPrintf(&d, NULL), INVALID);
	KUNIT_EXPECT_EQ(test, RtlUnicodeStringPrintf(&none, L"x"), INVALID);
	KUNIT_EXPECT_EQ(test, call_vprintf(8, &d, 0, NULL, NULL, 0, L"v%d", 1),
			STATUS_SUCCESS);
	EXPECT_USTR(test, &d, L"v1");
	EXPECT_GUARD(test, d.Buffer, 12);
}

static void strsafe_from_ustr(struct kunit *test)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"abcdef");
	UNICODE_STRING bad = src;
	WCHAR *w = guarded(test, 8 * sizeof(WCHAR));
	NTSTRSAFE_PWSTR end;
	size_t rem;

	bad.Length = 5;
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeString(w, 8, &src),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"abcdef");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeString(w, 4, &src),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyUnicodeString(w, 8, &src),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"abc");
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeString(w, 8, &bad),
			INVALID);
	KUNIT_EXPECT_EQ(test, w[0], 0);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeString(w, 32768, &src),
			INVALID);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeStringEx(w, 8, &src, &end,
							      &rem, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, end, w + 6);
	KUNIT_EXPECT_EQ(test, rem, 2UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCopyUnicodeStringEx(w, 8, &src, &end,
							     &rem,
							     STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"");
	KUNIT_EXPECT_EQ(test, rem, 8UL);
	KUNIT_EXPECT_EQ(test, RtlStringCchCopyUnicodeStringEx(w, 8, NULL, &end,
							      &rem,
							      STRSAFE_IGNORE_NULLS),
			STATUS_SUCCESS);
	EXPECT_WSTR(test, w, L"");

	RtlStringCchCopyW(w, 8, L"xy");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatUnicodeString(w, 8, &src),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"xyabcde");
	RtlStringCchCopyW(w, 8, L"xy");
	KUNIT_EXPECT_EQ(test, RtlStringCbCatUnicodeString(w, 16, &bad),
			INVALID);
	EXPECT_WSTR(test, w, L"xy");
	KUNIT_EXPECT_EQ(test, RtlStringCchCatUnicodeStringEx(w, 8, &src, &end,
							     &rem,
							     STRSAFE_NO_TRUNCATION),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"xy");
	KUNIT_EXPECT_EQ(test, rem, 6UL);
	KUNIT_EXPECT_EQ(test, RtlStringCbCatUnicodeStringEx(w, 16, &src, &end,
							    &rem, 0),
			OVERFLOW);
	EXPECT_WSTR(test, w, L"xyabcde");
	KUNIT_EXPECT_EQ(test, rem, 2UL);
	EXPECT_GUARD(test, w, 8 * sizeof(WCHAR));
}

static void strsafe_constants(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, NTSTRSAFE_MAX_CCH, 2147483647);
	KUNIT_EXPECT_EQ(test, NTSTRSAFE_UNICODE_STRING_MAX_CCH, 32767UL);
	KUNIT_EXPECT_EQ(test, STRSAFE_FILL_BYTE(0x41), 0x241U);
	KUNIT_EXPECT_EQ(test, STRSAFE_FAILURE_BYTE(0x41), 0x441U);
	KUNIT_EXPECT_EQ(test, STRSAFE_GET_FILL_PATTERN(0x2ff), 0xff);
}

static struct kunit_case strsafe_cases[] = {
	KUNIT_CASE(strsafe_copy_cch),
	KUNIT_CASE(strsafe_copy_cb),
	KUNIT_CASE(strsafe_copy_n),
	KUNIT_CASE(strsafe_cat),
	KUNIT_CASE(strsafe_cat_n),
	KUNIT_CASE(strsafe_copy_ex),
	KUNIT_CASE(strsafe_n_ex),
	KUNIT_CASE(strsafe_cat_ex),
	KUNIT_CASE(strsafe_printf),
	KUNIT_CASE(strsafe_vprintf),
	KUNIT_CASE(strsafe_printf_ex),
	KUNIT_CASE(strsafe_length),
	KUNIT_CASE(strsafe_ustr_init_validate),
	KUNIT_CASE(strsafe_ustr_copy),
	KUNIT_CASE(strsafe_ustr_cat),
	KUNIT_CASE(strsafe_ustr_printf),
	KUNIT_CASE(strsafe_from_ustr),
	KUNIT_CASE(strsafe_constants),
	{}
};

static struct kunit_suite strsafe_suite = {
	.name = "wdmshim_strsafe",
	.test_cases = strsafe_cases,
};

kunit_test_suites(&strsafe_suite);
