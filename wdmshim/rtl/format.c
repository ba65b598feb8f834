// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/format.c - the Microsoft printf dialect drivers write, rendered with
 * the kernel's vsnprintf one conversion at a time.
 *
 * Differences from C99 that matter: "l" means 32 bits for integers (LONG)
 * and wide for %ls/%lc; "I64", "I32" and "I" (pointer-sized) are size
 * prefixes; "w" means wide; %S and %C take the other width than %s/%c
 * (wide in narrow printf); %Z prints an ANSI_STRING and %wZ a
 * UNICODE_STRING. Wide text is printed as UTF-8. %p prints as the kernel's
 * %p does (hashed unless the kernel is told otherwise). Floating point
 * cannot be passed in kernel code: %e/%f/%g/%a, like %n, are not
 * conversions here: they and everything after them are printed literally.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include "../wdm_internal.h"

enum wdm_size { WDM_SZ_DEFAULT, WDM_SZ_HH, WDM_SZ_H, WDM_SZ_L, WDM_SZ_64,
		WDM_SZ_PTR, WDM_SZ_WIDE };

struct wdm_out {
	char *buf;
	size_t size;
	size_t len;	/* would-be length */
};

static void wdm_put(struct wdm_out *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - 1 - o->len;

		memcpy(o->buf + o->len, s, min(n, room));
	}
	o->len += n;
}

/* Emit one conversion through vsnprintf, measuring what did not fit. */
static __printf(2, 3) void wdm_putf(struct wdm_out *o, const char *fmt, ...)
{
	size_t room = o->len < o->size ? o->size - o->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	o->len += n;
}

/* Pad [text, n bytes] to @width as the spec's '-' flag asks. */
static void wdm_put_padded(struct wdm_out *o, const char *text, size_t n,
			   int width, bool left)
{
	int pad = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (pad-- > 0)
			wdm_put(o, " ", 1);
	wdm_put(o, text, n);
	if (left)
		while (pad-- > 0)
			wdm_put(o, " ", 1);
}

/*
 * Wide text is converted in chunks that fit a stack buffer; a chunk never
 * ends between the two halves of a surrogate pair.
 */
#define WDM_WIDE_CHUNK 60

static size_t wdm_wide_chunk(const WCHAR *s, size_t done, size_t count)
{
	size_t chunk = min_t(size_t, count - done, WDM_WIDE_CHUNK);

	if (done + chunk < count && s[done + chunk - 1] >= 0xd800 &&
	    s[done + chunk - 1] <= 0xdbff)
		chunk++;
	return chunk;
}

/* Emit @count UTF-16 characters as UTF-8, or only measure when !@emit. */
static size_t wdm_wide_pass(struct wdm_out *o, const WCHAR *s, size_t count,
			    bool emit)
{
	char utf8[4 * (WDM_WIDE_CHUNK + 1) + 1];
	size_t done = 0, total = 0, chunk, n;

	while (done < count) {
		chunk = wdm_wide_chunk(s, done, count);
		n = wdm_utf16_to_utf8(utf8, sizeof(utf8), s + done, chunk);
		if (emit)
			wdm_put(o, utf8, n);
		total += n;
		done += chunk;
	}
	return total;
}

static void wdm_put_wide(struct wdm_out *o, const WCHAR *s, size_t count,
			 int width, bool left)
{
	size_t n = wdm_wide_pass(o, s, count, false);
	int pad = width > (int)n ? width - (int)n : 0;

	if (!left)
		wdm_put_padded(o, "", 0, pad, false);
	wdm_wide_pass(o, s, count, true);
	if (left)
		wdm_put_padded(o, "", 0, pad, false);
}

/* The kernel vsnprintf spec for one integer conversion, as long long. */
static void wdm_int_spec(char *spec, size_t size, const char *flags,
			 bool left, int width, int prec, char conv)
{
	char w[16] = "", p[16] = "";

	if (width >= 0)
		snprintf(w, sizeof(w), "%d", width);
	if (prec >= 0)
		snprintf(p, sizeof(p), ".%d", prec);
	snprintf(spec, size, "%%%s%s%s%sll%c", flags,
		 left && !strchr(flags, '-') ? "-" : "", w, p, conv);
}

static size_t wdm_wcsnlen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/*
 * The formatter. @wide: the format of a wide printf (swprintf and the
 * ntstrsafe W routines), where %s and %c take wide arguments and %S and
 * %C narrow ones; the output is UTF-8 either way.
 */
static int wdm_vformat_mode(char *buf, size_t size, const char *fmt,
			    va_list ap, bool wide_default)
{
	struct wdm_out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *pct;
		char flags[8], spec[48];
		int nflags = 0, width = -1, prec = -1;
		enum wdm_size sz = WDM_SZ_DEFAULT;
		bool left;
		char conv;

		pct = strchrnul(fmt, '%');
		wdm_put(&o, fmt, pct - fmt);
		if (!*pct)
			break;
		fmt = pct + 1;
		while (*fmt && strchr("-+ #0", *fmt) && nflags < 7)
			flags[nflags++] = *fmt++;
		flags[nflags] = '\0';
		left = strchr(flags, '-');
		if (*fmt == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			fmt++;
		} else if (isdigit(*fmt)) {
			width = 0;
			while (isdigit(*fmt))
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(args, int);
				fmt++;
			} else {
				while (isdigit(*fmt))
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		if (!strncmp(fmt, "I64", 3)) {
			sz = WDM_SZ_64;
			fmt += 3;
		} else if (!strncmp(fmt, "I32", 3)) {
			sz = WDM_SZ_L;
			fmt += 3;
		} else if (!strncmp(fmt, "hh", 2)) {
			sz = WDM_SZ_HH;
			fmt += 2;
		} else if (!strncmp(fmt, "ll", 2)) {
			sz = WDM_SZ_64;
			fmt += 2;
		} else if (*fmt == 'I' || *fmt == 'z') {
			sz = WDM_SZ_PTR;
			fmt++;
		} else if (*fmt == 'h') {
			sz = WDM_SZ_H;
			fmt++;
		} else if (*fmt == 'l') {
			sz = WDM_SZ_L;
			fmt++;
		} else if (*fmt == 'w') {
			sz = WDM_SZ_WIDE;
			fmt++;
		}
		conv = *fmt;
		if (!conv)
			break;
		fmt++;

		switch (conv) {
		case '%':
			wdm_put(&o, "%", 1);
			break;
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			bool sign = conv == 'd' || conv == 'i';
			unsigned long long v;
			char lconv = conv == 'i' ? 'd' : conv;

			if (sz == WDM_SZ_64 || sz == WDM_SZ_PTR)
				v = va_arg(args, unsigned long long);
			else
				v = va_arg(args, unsigned int);
			if (sz == WDM_SZ_HH)
				v = sign ? (long long)(signed char)v : (u8)v;
			else if (sz == WDM_SZ_H)
				v = sign ? (long long)(short)v : (u16)v;
			else if (sz != WDM_SZ_64 && sz != WDM_SZ_PTR)
				v = sign ? (long long)(int)v : (u32)v;
			wdm_int_spec(spec, sizeof(spec), flags, left, width, prec,
				     lconv);
			wdm_putf(&o, spec, v);
			break;
		}
		case 'c':
		case 'C': {
			bool wide = sz == WDM_SZ_WIDE || sz == WDM_SZ_L ||
				    (sz != WDM_SZ_H &&
				     (conv == 'C') != wide_default);
			int v = va_arg(args, int);

			if (wide) {
				WCHAR wc = v;

				wdm_put_wide(&o, &wc, 1, width, left);
			} else {
				char c = v;

				wdm_put_padded(&o, &c, 1, width, left);
			}
			break;
		}
		case 's':
		case 'S': {
			bool wide = sz == WDM_SZ_WIDE || sz == WDM_SZ_L ||
				    (sz != WDM_SZ_H &&
				     (conv == 'S') != wide_default);
			const void *s = va_arg(args, const void *);
			size_t max = prec >= 0 ? prec : SIZE_MAX;

			if (!s)
				wdm_put_padded(&o, "(null)", 6, width, left);
			else if (wide)
				wdm_put_wide(&o, s, wdm_wcsnlen(s, max), width, left);
			else
				wdm_put_padded(&o, s, strnlen(s, max), width, left);
			break;
		}
		case 'Z': {
			const void *s = va_arg(args, const void *);

			if (!s) {
				wdm_put_padded(&o, "(null)", 6, width, left);
			} else if (sz == WDM_SZ_WIDE) {
				const UNICODE_STRING *u = s;

				if (u->Buffer)
					wdm_put_wide(&o, u->Buffer,
						     u->Length / sizeof(WCHAR),
						     width, left);
				else
					wdm_put_padded(&o, "(null)", 6, width, left);
			} else {
				const STRING *a = s;

				if (a->Buffer)
					wdm_put_padded(&o, a->Buffer, a->Length,
						       width, left);
				else
					wdm_put_padded(&o, "(null)", 6, width, left);
			}
			break;
		}
		case 'p':
			wdm_putf(&o, "%p", va_arg(args, void *));
			break;
		default:
			/* %n, floating point, unknown: print the rest literally */
			wdm_put(&o, pct, strlen(pct));
			fmt = pct + strlen(pct);
			break;
		}
	}
	va_end(args);
	if (size)
		buf[min(o.len, size - 1)] = '\0';
	return o.len;
}

/**
 * wdm_vformat() - format like the Windows kernel's printf family
 * @buf: output buffer, always NUL-terminated when @size > 0
 * @size: its size
 * @fmt: Microsoft-dialect format
 * @ap: arguments
 *
 * Return: the length the full output would have, without the NUL.
 */
int wdm_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	return wdm_vformat_mode(buf, size, fmt, ap, false);
}
EXPORT_SYMBOL_WDM(wdm_vformat);

/**
 * wdm_vformat_wide() - wdm_vformat() with the conversions of a wide
 * printf: %s and %c take wide arguments, %S and %C narrow ones
 * @buf: output buffer (UTF-8), always NUL-terminated when @size > 0
 * @size: its size
 * @fmt: Microsoft-dialect format, converted to UTF-8
 * @ap: arguments
 *
 * Return: the length the full output would have, without the NUL.
 */
int wdm_vformat_wide(char *buf, size_t size, const char *fmt, va_list ap)
{
	return wdm_vformat_mode(buf, size, fmt, ap, true);
}
EXPORT_SYMBOL_WDM(wdm_vformat_wide);

/**
 * wdm_format() - wdm_vformat() with variable arguments
 * @buf: output buffer
 * @size: its size
 * @fmt: Microsoft-dialect format
 *
 * Return: the length the full output would have.
 */
int wdm_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = wdm_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL_WDM(wdm_format);
