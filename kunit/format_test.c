// SPDX-License-Identifier: GPL-2.0
/*
 * format_test.c - KUnit tests of the Microsoft printf dialect that
 * DbgPrint/KdPrint formats with (rtl/format.c) and of the UTF-16 to UTF-8
 * conversion wide text is printed with (rtl/nls.c).
 *
 * The dialect, as the WDK documents it for DbgPrint and the CRT for
 * printf: "l" is 32 bits for integers (LONG/ULONG) and wide for s/c; "h"
 * is 16 bits for integers and narrow for s/c (also for S/C); "hh" is 8
 * bits; "I64"/"ll" are 64 bits, "I32" 32 bits, "I" (and "z") pointer-sized;
 * "w" is wide; %S and %C are wide in a narrow printf; %Z prints an
 * ANSI_STRING and %wZ a UNICODE_STRING (Length bytes, no NUL needed);
 * a NULL string prints "(null)". Wide text is printed as UTF-8 (unpaired
 * surrogates as U+FFFD). wdm_vformat() returns the full length even when
 * it truncates, and always NUL-terminates a buffer of size > 0.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include "wdm_internal.h"

#define FMT_BUF 1024

/* Format into a test-managed buffer; check the return value on the way. */
static const char *fmt(struct kunit *test, const char *format, ...)
{
	char *buf = kunit_kzalloc(test, FMT_BUF, GFP_KERNEL);
	va_list ap;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	va_start(ap, format);
	n = wdm_vformat(buf, FMT_BUF, format, ap);
	va_end(ap);
	KUNIT_EXPECT_EQ_MSG(test, n, (int)strlen(buf),
			    "return value for format \"%s\"", format);
	return buf;
}

static void format_plain_and_percent(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, fmt(test, ""), "");
	KUNIT_EXPECT_STREQ(test, fmt(test, "no conversions"), "no conversions");
	KUNIT_EXPECT_STREQ(test, fmt(test, "100%% sure"), "100% sure");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%%%d%%", 5), "%5%");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%d|%i|%u", 0, -7, 7U), "0|-7|7");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%x|%X|%o", 255U, 255U, 8U),
			   "ff|FF|10");
}

static void format_counted_strings(struct kunit *test)
{
	UNICODE_STRING u = RTL_CONSTANT_STRING(L"Device");
	ANSI_STRING a = RTL_CONSTANT_STRING("hello");
	UNICODE_STRING exact;
	ANSI_STRING aexact;
	WCHAR *w;
	char *c;

	KUNIT_EXPECT_STREQ(test, fmt(test, "[%wZ]", &u), "[Device]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%8wZ]", &u), "[  Device]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%-8wZ]", &u), "[Device  ]");
	/* Length counts bytes; an odd Length drops the half character. */
	u.Length = 5;
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%wZ]", &u), "[De]");
	u.Length = 1;
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%wZ]", &u), "[]");
	u.Length = 0;
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%wZ]", &u), "[]");

	/* Not NUL-terminated: exactly Length bytes are read. */
	w = kunit_kmalloc(test, 3 * sizeof(WCHAR), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	w[0] = 'x';
	w[1] = 'y';
	w[2] = 'z';
	exact.Buffer = w;
	exact.Length = 3 * sizeof(WCHAR);
	exact.MaximumLength = exact.Length;
	KUNIT_EXPECT_STREQ(test, fmt(test, "%wZ!", &exact), "xyz!");

	a.Length = 3;
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%Z]", &a), "[hel]");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%-5Z]", &a), "[hel  ]");
	c = kunit_kmalloc(test, 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c[0] = 'o';
	c[1] = 'k';
	aexact.Buffer = c;
	aexact.Length = 2;
	aexact.MaximumLength = 2;
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Z.", &aexact), "ok.");
}

static void format_wide_and_narrow_strings(struct kunit *test)
{
	static const WCHAR wide[] = L"wide";

	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", wide), "wide");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%S", wide), "wide");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ls", wide), "wide");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%s", "narrow"), "narrow");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hs", "narrow"), "narrow");
	/* "h" makes %S narrow too. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hS", "narrow"), "narrow");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%s=%ws;", "key", L"val"), "key=val;");
	/* Precision counts characters of the source. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%.2ws|", wide), "wi|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%6ws|", wide), "  wide|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-6S|", wide), "wide  |");
}

static void format_null_strings(struct kunit *test)
{
	const char *ns = NULL;
	const WCHAR *nw = NULL;
	const UNICODE_STRING *nu = NULL;
	const ANSI_STRING *na = NULL;
	UNICODE_STRING nobuf = { 0, 0, NULL };
	ANSI_STRING anobuf = { 0, 0, NULL };

	KUNIT_EXPECT_STREQ(test, fmt(test, "%s", ns), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hs", ns), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", nw), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%S", nw), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ls", nw), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%wZ", nu), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Z", na), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%wZ", &nobuf), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Z", &anobuf), "(null)");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%8s|", ns), "  (null)|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-8ws|", nw), "(null)  |");
}

static void format_32bit_long(struct kunit *test)
{
	/* "l" is LONG/ULONG: 32 bits, as on Windows. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lu", (ULONG)0xffffffffU),
			   "4294967295");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ld", (LONG)(-1)), "-1");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ld", (LONG)MINLONG), "-2147483648");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ld", (LONG)MAXLONG), "2147483647");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lx", (ULONG)0xdeadbeefU), "deadbeef");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%08lX", (ULONG)0xbeefU), "0000BEEF");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%u", (ULONG)(-1)), "4294967295");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%d", (LONG)(-5)), "-5");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I32d|%I32u", -1, 0xffffffffU),
			   "-1|4294967295");
	/* Arguments keep their place around mixed sizes. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lu %I64u %ld", (ULONG)1,
				     (ULONGLONG)1 << 40, (LONG)(-3)),
			   "1 1099511627776 -3");
}

static void format_64bit_and_pointer_sized(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I64x", 0x123456789abcdef0ULL),
			   "123456789abcdef0");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I64X", 0xfedcba9876543210ULL),
			   "FEDCBA9876543210");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I64d", -5000000000LL),
			   "-5000000000");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%I64u", ~0ULL),
			   "18446744073709551615");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lld|%llx", (LONGLONG)MINLONG - 1,
				     0x100000000ULL),
			   "-2147483649|100000000");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%016I64x", 0xabcULL),
			   "0000000000000abc");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Ix", (ULONG_PTR)0x123456789abcUL),
			   "123456789abc");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Id", (LONG_PTR)(-3)), "-3");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%Iu", ~(ULONG_PTR)0),
			   "18446744073709551615");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%zu", (SIZE_T)4096), "4096");
}

static void format_short_and_char_sizes(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hd", (SHORT)(-2)), "-2");
	/* The argument is converted to the size asked for. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hd", 0x18000), "-32768");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hu", 0x12345), "9029");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hx", 0xffff1234U), "1234");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hhx", 0x1ff), "ff");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hhd", 0x80), "-128");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hhu", 0x1ff), "255");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%02hhX", (UCHAR)0x0a), "0A");
}

static void format_width_precision_flags(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, fmt(test, "%5d|", 42), "   42|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-5d|", 42), "42   |");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%05d", 42), "00042");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%05d", -42), "-0042");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%+d|% d", 5, 5), "+5| 5");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%#x|%#X|%#o", 31U, 31U, 8U),
			   "0x1f|0X1F|010");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%.3d", 7), "007");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%8.3d|", 7), "     007|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%*d|", 4, 7), "   7|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-*d|", 4, 7), "7   |");
	/* A negative '*' width means left-justified. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%*d|", -4, 7), "7   |");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%.*s|", 2, "abcdef"), "ab|");
	/* A negative '*' precision is no precision. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%.*s|", -1, "abc"), "abc|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%*.*s|", 6, 3, "abcdef"), "   abc|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%8.3s|", "abcdef"), "     abc|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-6s|", "hi"), "hi    |");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%2s|", "toolong"), "toolong|");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%-10I64d|", -5LL), "-5        |");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%3c|%-3c|", 'A', 'B'), "  A|B  |");
}

static void format_chars(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, fmt(test, "%c%c", 'o', 'k'), "ok");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hc", 'b'), "b");
	/* %C, %wc and %lc take a WCHAR and print it as UTF-8. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%C", (WCHAR)0x00e9), "\xc3\xa9");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%wc", (WCHAR)0x20ac), "\xe2\x82\xac");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%lc", (WCHAR)'z'), "z");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%C", (WCHAR)'Q'), "Q");
	/* "h" makes %C narrow. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%hC", 'q'), "q");
	KUNIT_EXPECT_STREQ(test, fmt(test, "[%3C]", (WCHAR)'w'), "[  w]");
}

static void format_utf16_to_utf8(struct kunit *test)
{
	static const WCHAR latin[] = L"\x00e9\x20ac";
	static const WCHAR cyr[] = L"\x041f\x0440\x0438\x0432\x0435\x0442";
	static const WCHAR bounds[] = { 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0 };
	static const WCHAR smiley[] = { 0xd83d, 0xde00, 0 };
	static const WCHAR lowest[] = { 0xd800, 0xdc00, 0 };
	static const WCHAR highest[] = { 0xdbff, 0xdfff, 0 };
	static const WCHAR lone_high[] = { 0xd800, 'x', 0 };
	static const WCHAR lone_low[] = { 0xdc00, 'y', 0 };
	static const WCHAR high_at_end[] = { 'a', 0xd83d, 0 };
	static const WCHAR reversed[] = { 0xde00, 0xd83d, 0 };
	static const WCHAR high_high_low[] = { 0xd800, 0xd800, 0xdc00, 0 };
	UNICODE_STRING half = { 2, 4, (PWSTR)smiley };

	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", latin), "\xc3\xa9\xe2\x82\xac");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", cyr),
			   "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", bounds),
			   "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
	/* Surrogate pairs are one 4-byte character. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", smiley), "\xf0\x9f\x98\x80");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", lowest), "\xf0\x90\x80\x80");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", highest), "\xf4\x8f\xbf\xbf");
	/* Unpaired surrogates become U+FFFD; their neighbours survive. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", lone_high), "\xef\xbf\xbdx");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", lone_low), "\xef\xbf\xbdy");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", high_at_end), "a\xef\xbf\xbd");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", reversed),
			   "\xef\xbf\xbd\xef\xbf\xbd");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%ws", high_high_low),
			   "\xef\xbf\xbd\xf0\x90\x80\x80");
	/* A Length that cuts a pair leaves an unpaired high surrogate. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "%wZ", &half), "\xef\xbf\xbd");
}

/*
 * Long wide strings are converted piecewise: a surrogate pair must come
 * out whole wherever it falls, and nothing may be lost or repeated.
 */
static void format_long_wide_strings(struct kunit *test)
{
	WCHAR *w = kunit_kcalloc(test, 300, sizeof(WCHAR), GFP_KERNEL);
	char *want = kunit_kzalloc(test, FMT_BUF, GFP_KERNEL);
	const char *got;
	size_t i, k, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_NOT_NULL(test, want);
	for (k = 0; k < 200; k++) {
		/* k 'a's, U+1F600 as a pair, then 'b'. */
		memset(want, 'a', k);
		memcpy(want + k, "\xf0\x9f\x98\x80\x62", 6);	/* ... "b" */
		for (i = 0; i < k; i++)
			w[i] = 'a';
		w[k] = 0xd83d;
		w[k + 1] = 0xde00;
		w[k + 2] = 'b';
		w[k + 3] = 0;
		got = fmt(test, "%ws", w);
		if (strcmp(got, want)) {
			if (!bad++)
				KUNIT_FAIL(test, "pair after %zu chars: got \"%s\"",
					   k, got);
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0UL);

	/* 299 two-byte characters: 598 bytes, all of them. */
	for (k = 0; k < 299; k++)
		w[k] = 0x00e9;
	w[299] = 0;
	got = fmt(test, "<%ws>", w);
	KUNIT_EXPECT_EQ(test, strlen(got), 600UL);
	for (k = 0, bad = 0; k < 299; k++)
		bad += memcmp(got + 1 + 2 * k, "\xc3\xa9", 2) != 0;
	KUNIT_EXPECT_EQ(test, bad, 0UL);
	KUNIT_EXPECT_EQ(test, got[599], '>');
}

static void format_utf8_helper_truncates_on_character(struct kunit *test)
{
	static const WCHAR s[] = L"\x00e9\x20ac";
	static const WCHAR pair[] = { 0xd83d, 0xde00 };
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	/* é (2 bytes) fits in 3 with the NUL, € (3 bytes) does not. */
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, 3, s, 2), 2UL);
	KUNIT_EXPECT_STREQ(test, buf, "\xc3\xa9");
	KUNIT_EXPECT_EQ(test, buf[3], 'X');
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, 6, s, 2), 5UL);
	KUNIT_EXPECT_STREQ(test, buf, "\xc3\xa9\xe2\x82\xac");
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, 1, s, 2), 0UL);
	KUNIT_EXPECT_STREQ(test, buf, "");
	/* A pair is never split: 4 bytes + NUL or nothing. */
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, 4, pair, 2), 0UL);
	KUNIT_EXPECT_STREQ(test, buf, "");
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, 5, pair, 2), 4UL);
	KUNIT_EXPECT_STREQ(test, buf, "\xf0\x9f\x98\x80");
	KUNIT_EXPECT_EQ(test, wdm_utf16_to_utf8(buf, sizeof(buf), s, 0), 0UL);
	KUNIT_EXPECT_STREQ(test, buf, "");
}

static void format_truncation(struct kunit *test)
{
	UNICODE_STRING u = RTL_CONSTANT_STRING(L"cdef");
	char buf[16];

	/* The full length is returned; the buffer is cut and terminated. */
	memset(buf, 0xee, sizeof(buf));
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 8, "%s", "hello world"), 11);
	KUNIT_EXPECT_STREQ(test, buf, "hello w");
	KUNIT_EXPECT_EQ(test, (u8)buf[8], 0xee);

	memset(buf, 0xee, sizeof(buf));
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 4, "%d", 123456), 6);
	KUNIT_EXPECT_STREQ(test, buf, "123");
	KUNIT_EXPECT_EQ(test, (u8)buf[4], 0xee);

	KUNIT_EXPECT_EQ(test, wdm_format(buf, 4, "%ws", L"abcdef"), 6);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 4, "ab%wZ", &u), 6);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 5, "%5d|", 1), 6);
	KUNIT_EXPECT_STREQ(test, buf, "    ");
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 3, "%%%%%%"), 3);
	KUNIT_EXPECT_STREQ(test, buf, "%%");

	/* Exact fit. */
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 6, "hel%co", 'l'), 5);
	KUNIT_EXPECT_STREQ(test, buf, "hello");

	/* Size 1: only the NUL. */
	memset(buf, 'X', sizeof(buf));
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 1, "hello"), 5);
	KUNIT_EXPECT_EQ(test, buf[0], '\0');
	KUNIT_EXPECT_EQ(test, buf[1], 'X');

	/* Size 0: nothing written, the length still measured (in bytes). */
	memset(buf, 'X', sizeof(buf));
	KUNIT_EXPECT_EQ(test, wdm_format(buf, 0, "hello %d", 42), 8);
	KUNIT_EXPECT_EQ(test, buf[0], 'X');
	KUNIT_EXPECT_EQ(test, wdm_format(NULL, 0, "%ws%I64u", L"\x00e9", 10ULL),
			4);
}

static void format_unsupported_conversions(struct kunit *test)
{
	/* %n and floating point are printed literally, with what follows. */
	KUNIT_EXPECT_STREQ(test, fmt(test, "a %n b %d"), "a %n b %d");
	KUNIT_EXPECT_STREQ(test, fmt(test, "x=%f end"), "x=%f end");
	KUNIT_EXPECT_STREQ(test, fmt(test, "%d %e %d", 1), "1 %e %d");
}

static void format_dbgprint_long_messages(struct kunit *test)
{
	char *msg = kunit_kzalloc(test, 700, GFP_KERNEL);
	WCHAR *wmsg = kunit_kcalloc(test, 700, sizeof(WCHAR), GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, msg);
	KUNIT_ASSERT_NOT_NULL(test, wmsg);
	memset(msg, 'm', 699);
	for (i = 0; i < 699; i++)
		wmsg[i] = 0x20ac;
	/* Longer than DbgPrint's 512-byte buffer: cut, never overrun. */
	KUNIT_EXPECT_EQ(test, DbgPrint("wdmshim_kunit: long %s\n", msg),
			(ULONG)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, DbgPrint("wdmshim_kunit: long wide %ws\n", wmsg),
			(ULONG)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL,
					 "wdmshim_kunit: %wZ\n", NULL),
			(ULONG)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, DbgPrintEx(DPFLTR_IHVDRIVER_ID,
					 DPFLTR_MASK | 0x8,
					 "wdmshim_kunit: mask level %lu\n",
					 (ULONG)8),
			(ULONG)STATUS_SUCCESS);
}

/* ASSERT (DBG builds) reports a false expression once and goes on. */
static void format_assert_reports(struct kunit *test)
{
	int before = atomic_read(&wdm_reports);
	int one = 1;

	KUNIT_EXPECT_TRUE(test, ASSERT(one == 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before);
	KUNIT_EXPECT_FALSE(test, ASSERT(one == 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
	KUNIT_EXPECT_FALSE(test, ASSERTMSG("kunit: expected", one == 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 2);
}

static ULONG format_call_vdbgprintex(ULONG level, PCSTR fmt, ...)
{
	va_list ap;
	ULONG ret;

	va_start(ap, fmt);
	ret = vDbgPrintEx(DPFLTR_IHVDRIVER_ID, level, fmt, ap);
	va_end(ap);
	return ret;
}

/* vDbgPrintEx takes a va_list that its caller started. */
static void format_vdbgprintex(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, format_call_vdbgprintex(DPFLTR_WARNING_LEVEL,
						      "wdmshim_kunit: v %ws %I64d\n",
						      L"wide", 12345678901LL),
			(ULONG)STATUS_SUCCESS);
}

static struct kunit_case format_cases[] = {
	KUNIT_CASE(format_plain_and_percent),
	KUNIT_CASE(format_counted_strings),
	KUNIT_CASE(format_wide_and_narrow_strings),
	KUNIT_CASE(format_null_strings),
	KUNIT_CASE(format_32bit_long),
	KUNIT_CASE(format_64bit_and_pointer_sized),
	KUNIT_CASE(format_short_and_char_sizes),
	KUNIT_CASE(format_width_precision_flags),
	KUNIT_CASE(format_chars),
	KUNIT_CASE(format_utf16_to_utf8),
	KUNIT_CASE(format_long_wide_strings),
	KUNIT_CASE(format_utf8_helper_truncates_on_character),
	KUNIT_CASE(format_truncation),
	KUNIT_CASE(format_unsupported_conversions),
	KUNIT_CASE(format_dbgprint_long_messages),
	KUNIT_CASE(format_assert_reports),
	KUNIT_CASE(format_vdbgprintex),
	{}
};

static struct kunit_suite format_suite = {
	.name = "wdmshim_format",
	.test_cases = format_cases,
};

kunit_test_suites(&format_suite);
