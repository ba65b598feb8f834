// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/nls.c - national language support: the ANSI code page (Windows-1252,
 * the ANSI code page of Western-language Windows) and Unicode case mapping.
 *
 * Case mapping covers Basic Latin, Latin-1, Latin Extended-A, Greek,
 * Cyrillic and the fullwidth Latin letters; other characters map to
 * themselves.
 */
#include <linux/kernel.h>
#include "../wdm_internal.h"

/* Windows-1252 bytes 0x80..0x9f; the five unassigned map to themselves. */
static const u16 wdm_cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/**
 * wdm_ansi_to_unicode() - code page 1252 byte to UTF-16
 * @c: the byte
 *
 * Return: the character.
 */
WCHAR wdm_ansi_to_unicode(unsigned char c)
{
	if (c >= 0x80 && c <= 0x9f)
		return wdm_cp1252_high[c - 0x80];
	return c;
}
EXPORT_SYMBOL_WDM(wdm_ansi_to_unicode);

/**
 * wdm_unicode_to_ansi() - UTF-16 character to code page 1252
 * @wc: the character
 *
 * Return: its byte, or '?' (the code page's default character).
 */
unsigned char wdm_unicode_to_ansi(WCHAR wc)
{
	int i;

	if (wc < 0x80 || (wc >= 0xa0 && wc <= 0xff))
		return wc;
	for (i = 0; i < 32; i++)
		if (wdm_cp1252_high[i] == wc)
			return 0x80 + i;
	return '?';
}
EXPORT_SYMBOL_WDM(wdm_unicode_to_ansi);

/*
 * Case pairs: lower = upper + delta over [first, last] (upper-case code
 * points); "step 2" ranges alternate upper (even or odd) and lower.
 */
static const struct wdm_case_range {
	u16 first, last;	/* upper-case range */
	s16 delta;		/* lower - upper */
	u8 step;		/* 1: contiguous, 2: alternating pairs */
} wdm_case_ranges[] = {
	{ 0x0041, 0x005a, 32, 1 },
	{ 0x00c0, 0x00d6, 32, 1 },
	{ 0x00d8, 0x00de, 32, 1 },
	{ 0x0100, 0x012e, 1, 2 },
	{ 0x0132, 0x0136, 1, 2 },
	{ 0x0139, 0x0147, 1, 2 },
	{ 0x014a, 0x0176, 1, 2 },
	{ 0x0179, 0x017d, 1, 2 },
	{ 0x0386, 0x0386, 38, 1 },
	{ 0x0388, 0x038a, 37, 1 },
	{ 0x038c, 0x038c, 64, 1 },
	{ 0x038e, 0x038f, 63, 1 },
	{ 0x0391, 0x03a1, 32, 1 },
	{ 0x03a3, 0x03ab, 32, 1 },
	{ 0x0400, 0x040f, 80, 1 },
	{ 0x0410, 0x042f, 32, 1 },
	{ 0x0460, 0x0480, 1, 2 },
	{ 0x048a, 0x04be, 1, 2 },
	{ 0xff21, 0xff3a, 32, 1 },
};

static bool wdm_in_case_range(const struct wdm_case_range *r, unsigned int c)
{
	return c >= r->first && c <= r->last && (c - r->first) % r->step == 0;
}

/**
 * RtlUpcaseUnicodeChar() - upper-case a UTF-16 character
 * @SourceCharacter: the character
 *
 * Return: its upper case, or itself.
 */
WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter)
{
	unsigned int c = SourceCharacter;
	size_t i;

	if (c == 0x00ff)
		return 0x0178;
	if (c == 0x00b5)
		return 0x039c;
	if (c == 0x03c2)	/* final sigma */
		return 0x03a3;
	for (i = 0; i < ARRAY_SIZE(wdm_case_ranges); i++) {
		const struct wdm_case_range *r = &wdm_case_ranges[i];

		if (c >= r->delta && wdm_in_case_range(r, c - r->delta))
			return c - r->delta;
	}
	return SourceCharacter;
}
EXPORT_SYMBOL_WDM(RtlUpcaseUnicodeChar);

/**
 * RtlDowncaseUnicodeChar() - lower-case a UTF-16 character
 * @SourceCharacter: the character
 *
 * Return: its lower case, or itself.
 */
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter)
{
	unsigned int c = SourceCharacter;
	size_t i;

	if (c == 0x0178)
		return 0x00ff;
	for (i = 0; i < ARRAY_SIZE(wdm_case_ranges); i++)
		if (wdm_in_case_range(&wdm_case_ranges[i], c))
			return c + wdm_case_ranges[i].delta;
	return SourceCharacter;
}
EXPORT_SYMBOL_WDM(RtlDowncaseUnicodeChar);

/**
 * wdm_utf16_to_utf8() - convert UTF-16 to NUL-terminated UTF-8
 * @dst: output buffer
 * @size: its size in bytes (at least 1)
 * @src: UTF-16 characters
 * @count: number of them
 *
 * Unpaired surrogates become U+FFFD. Output is cut at a character
 * boundary when @dst is too small.
 *
 * Return: bytes written, without the NUL.
 */
size_t wdm_utf16_to_utf8(char *dst, size_t size, const WCHAR *src,
			 size_t count)
{
	size_t out = 0, i;

	for (i = 0; i < count; i++) {
		u32 c = src[i];
		char seq[4];
		int n;

		if (c >= 0xd800 && c <= 0xdbff && i + 1 < count &&
		    src[i + 1] >= 0xdc00 && src[i + 1] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (src[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = 0xfffd;
		}
		if (c < 0x80) {
			seq[0] = c;
			n = 1;
		} else if (c < 0x800) {
			seq[0] = 0xc0 | (c >> 6);
			seq[1] = 0x80 | (c & 0x3f);
			n = 2;
		} else if (c < 0x10000) {
			seq[0] = 0xe0 | (c >> 12);
			seq[1] = 0x80 | ((c >> 6) & 0x3f);
			seq[2] = 0x80 | (c & 0x3f);
			n = 3;
		} else {
			seq[0] = 0xf0 | (c >> 18);
			seq[1] = 0x80 | ((c >> 12) & 0x3f);
			seq[2] = 0x80 | ((c >> 6) & 0x3f);
			seq[3] = 0x80 | (c & 0x3f);
			n = 4;
		}
		if (out + n >= size)
			break;
		memcpy(dst + out, seq, n);
		out += n;
	}
	dst[out] = '\0';
	return out;
}
EXPORT_SYMBOL_WDM(wdm_utf16_to_utf8);

/**
 * wdm_utf8_to_utf16() - convert UTF-8 text to UTF-16
 * @dst: receives up to @size characters (not NUL-terminated), or NULL
 * @size: room in @dst, in characters
 * @src: the text
 * @len: its length in bytes
 *
 * Malformed sequences become U+FFFD; characters above U+FFFF become
 * surrogate pairs (of which the end of @dst may cut the second half).
 *
 * Return: the number of UTF-16 characters the whole text needs.
 */
size_t wdm_utf8_to_utf16(WCHAR *dst, size_t size, const char *src, size_t len)
{
	const u8 *s = (const u8 *)src;
	size_t i = 0, out = 0;

	while (i < len) {
		u32 c = s[i], min;
		int n, k;

		if (c < 0x80) {
			n = 0;
			min = 0;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			c &= 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			c &= 0x0f;
			min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			c &= 0x07;
			min = 0x10000;
		} else {
			n = -1;
			min = 0;
		}
		i++;
		for (k = 0; k < n; k++, i++) {
			if (i >= len || (s[i] & 0xc0) != 0x80) {
				n = -1;
				break;
			}
			c = (c << 6) | (s[i] & 0x3f);
		}
		if (n < 0 || c < min || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		if (c >= 0x10000) {
			if (dst && out < size)
				dst[out] = 0xd800 + ((c - 0x10000) >> 10);
			if (dst && out + 1 < size)
				dst[out + 1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
			out += 2;
		} else {
			if (dst && out < size)
				dst[out] = c;
			out++;
		}
	}
	return out;
}
EXPORT_SYMBOL_WDM(wdm_utf8_to_utf16);
