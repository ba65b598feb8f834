// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/strsafe.c - the safe string routines of <ntstrsafe.h>.
 *
 * As in the WDK, the RtlString* and RtlUnicodeString* routines are inline
 * in the header; they call the workers here, one per operation (copy,
 * append, printf, length, and their UNICODE_STRING forms), told by a mode
 * whether strings are CHAR or WCHAR, sizes counted in characters (Cch) or
 * bytes (Cb), the source limited (N) and the dwFlags of an Ex routine
 * honoured.
 *
 * The WDK's rules: a destination of 0 or more than NTSTRSAFE_MAX_CCH
 * characters, or a NULL pointer (without STRSAFE_IGNORE_NULLS), is
 * STATUS_INVALID_PARAMETER; a result that does not fit is truncated,
 * NUL-terminated and STATUS_BUFFER_OVERFLOW; a destination to append to
 * must hold a NUL. The non-Ex routines leave a NUL at the start of a
 * destination they reject; the Ex ones leave it untouched unless dwFlags
 * ask otherwise, and report where the string ends and what room is left
 * only on success or truncation. Where the WDK would dereference a NULL
 * source, wdmshim returns STATUS_INVALID_PARAMETER. printf output is
 * wdmshim's Microsoft-dialect formatter (rtl/format.c); the W routines
 * format through UTF-8 and convert back to UTF-16. UNICODE_STRING results
 * are not NUL-terminated.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "../wdm_internal.h"
#include <ntstrsafe.h>

/* Stack room for the UTF-8 of a wide printf before it needs the heap. */
#define WDM_SS_STACK_FMT	128
#define WDM_SS_STACK_OUT	256

static size_t ss_get(const void *s, size_t i, bool wide)
{
	return wide ? ((const WCHAR *)s)[i] : ((const u8 *)s)[i];
}

static void ss_put(void *d, size_t i, size_t c, bool wide)
{
	if (wide)
		((WCHAR *)d)[i] = c;
	else
		((char *)d)[i] = c;
}

static void *ss_at(void *d, size_t i, bool wide)
{
	return (u8 *)d + i * (wide ? sizeof(WCHAR) : 1);
}

/* A destination, its sizes checked. */
struct ss_dest {
	void *buf;
	size_t cch;		/* characters */
	size_t cb;		/* bytes: cch * width, plus an odd Cb byte */
	bool wide;
	bool bytes;		/* a Cb routine: remaining counts bytes */
	bool ex;
	ULONG flags;
	size_t end;		/* index of the terminating NUL */
};

/*
 * Check the destination of a routine. On a rejected destination a non-Ex
 * routine leaves a NUL in its first character.
 */
static NTSTATUS ss_dest_init(struct ss_dest *d, void *buf, size_t size,
			     ULONG flags, ULONG mode, size_t max_cch)
{
	size_t w;

	d->buf = buf;
	d->wide = mode & WDM_SS_WIDE;
	d->bytes = mode & WDM_SS_BYTES;
	d->ex = mode & WDM_SS_EX;
	d->flags = d->ex ? flags : 0;
	d->end = 0;
	w = d->wide ? sizeof(WCHAR) : 1;
	d->cch = d->bytes ? size / w : size;
	d->cb = d->bytes ? size : size * w;
	if (d->ex && (flags & ~STRSAFE_VALID_FLAGS))
		return STATUS_INVALID_PARAMETER;
	if (d->cch > max_cch || (d->bytes && size > max_cch * w))
		goto invalid;
	if (!buf) {
		if ((d->flags & STRSAFE_IGNORE_NULLS) && !size)
			return STATUS_SUCCESS;
		return STATUS_INVALID_PARAMETER;
	}
	if (!d->cch && !(d->flags & STRSAFE_IGNORE_NULLS))
		goto invalid;
	return STATUS_SUCCESS;
invalid:
	if (!d->ex && buf && d->cch)
		ss_put(buf, 0, 0, d->wide);
	d->buf = NULL;		/* not to be touched any more */
	return STATUS_INVALID_PARAMETER;
}

/*
 * Copy at most @max characters of @src to the destination from index
 * @at, stopping at a NUL, and terminate it. Needs at < cch.
 */
static NTSTATUS ss_append(struct ss_dest *d, size_t at, const void *src,
			  size_t max)
{
	size_t i = at, j = 0;

	while (i + 1 < d->cch && j < max && ss_get(src, j, d->wide))
		ss_put(d->buf, i++, ss_get(src, j++, d->wide), d->wide);
	ss_put(d->buf, i, 0, d->wide);
	d->end = i;
	if (j < max && ss_get(src, j, d->wide))
		return STATUS_BUFFER_OVERFLOW;
	return STATUS_SUCCESS;
}

/*
 * What an Ex routine's flags make of the outcome @status; @keep is the
 * length of the string before an append (0 otherwise). Returns @status.
 */
static NTSTATUS ss_finish(struct ss_dest *d, NTSTATUS status, size_t keep,
			  void **dest_end, size_t *remaining)
{
	int fill = d->flags & 0xff;
	size_t w = d->wide ? sizeof(WCHAR) : 1;

	if (!d->buf)
		goto out;
	if (status == STATUS_SUCCESS) {
		if ((d->flags & STRSAFE_FILL_BEHIND_NULL) && d->end + 1 < d->cch)
			memset(ss_at(d->buf, d->end + 1, d->wide), fill,
			       d->cb - (d->end + 1) * w);
		goto out;
	}
	if (!d->cch)
		goto out;
	if (d->flags & STRSAFE_FILL_ON_FAILURE) {
		memset(d->buf, fill, d->cb);
		d->end = fill ? d->cch - 1 : 0;
		ss_put(d->buf, d->end, 0, d->wide);
	}
	if (d->flags & STRSAFE_NULL_ON_FAILURE) {
		d->end = 0;
		ss_put(d->buf, 0, 0, d->wide);
	}
	if (d->flags & STRSAFE_NO_TRUNCATION) {
		d->end = keep;
		ss_put(d->buf, keep, 0, d->wide);
	}
out:
	if (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW) {
		if (dest_end)
			*dest_end = d->buf ? ss_at(d->buf, d->end, d->wide) : NULL;
		if (remaining) {
			*remaining = d->cch - d->end;
			if (d->bytes)
				*remaining = *remaining * w + d->cb % w;
		}
	}
	return status;
}

/* The length of @s, counting at most @max characters. */
static size_t ss_len(const void *s, size_t max, bool wide)
{
	size_t n = 0;

	while (n < max && ss_get(s, n, wide))
		n++;
	return n;
}

/* Check a source and the limit of an N routine, in characters. */
static NTSTATUS ss_source(const struct ss_dest *d, const void **src,
			  size_t *max, ULONG mode)
{
	if (!*src) {
		if (!(d->flags & STRSAFE_IGNORE_NULLS))
			return STATUS_INVALID_PARAMETER;
		*src = d->wide ? (const void *)L"" : (const void *)"";
	}
	if (!(mode & WDM_SS_N)) {
		*max = SIZE_MAX;
		return STATUS_SUCCESS;
	}
	if (mode & WDM_SS_BYTES)
		*max /= d->wide ? sizeof(WCHAR) : 1;
	return *max > NTSTRSAFE_MAX_CCH ? STATUS_INVALID_PARAMETER :
	       STATUS_SUCCESS;
}

/* A rejected source: a non-Ex routine still leaves the destination empty. */
static NTSTATUS ss_reject(struct ss_dest *d, size_t keep, void **dest_end,
			  size_t *remaining)
{
	if (!d->ex && d->buf && d->cch)
		ss_put(d->buf, keep, 0, d->wide);
	return ss_finish(d, STATUS_INVALID_PARAMETER, keep, dest_end,
			 remaining);
}

static NTSTATUS ss_copy(void *dest, size_t size, const void *src,
			size_t max, void **dest_end, size_t *remaining,
			ULONG flags, ULONG mode, bool cat)
{
	struct ss_dest d;
	NTSTATUS status;
	size_t at = 0;

	status = ss_dest_init(&d, dest, size, flags, mode,
			      mode & WDM_SS_USTR_DEST ?
			      NTSTRSAFE_UNICODE_STRING_MAX_CCH :
			      NTSTRSAFE_MAX_CCH);
	if (!NT_SUCCESS(status))
		return status;
	if (cat && d.buf) {
		at = ss_len(d.buf, d.cch, d.wide);
		if (at == d.cch) {
			d.buf = NULL;	/* no NUL: not a string to append to */
			return STATUS_INVALID_PARAMETER;
		}
		d.end = at;
	}
	status = ss_source(&d, &src, &max, mode);
	if (!NT_SUCCESS(status))
		return ss_reject(&d, at, dest_end, remaining);
	if (!d.cch) {
		/* STRSAFE_IGNORE_NULLS with no destination at all */
		if (ss_get(src, 0, d.wide) && max)
			status = d.buf ? STATUS_BUFFER_OVERFLOW :
					 STATUS_INVALID_PARAMETER;
		return ss_finish(&d, status, 0, dest_end, remaining);
	}
	status = ss_append(&d, at, src, max);
	return ss_finish(&d, status, at, dest_end, remaining);
}

/**
 * wdm_strsafe_copy() - the RtlStringC{ch,b}Copy{,N}{,Ex}{A,W} routines
 * @dest: the destination buffer
 * @size: its size, in characters or (WDM_SS_BYTES) bytes
 * @src: the NUL-terminated source
 * @max: with WDM_SS_N, copy at most this many characters (bytes)
 * @dest_end: NULL, or receives where the result's NUL is (Ex)
 * @remaining: NULL, or receives the room left including the NUL (Ex)
 * @flags: the dwFlags of an Ex routine (STRSAFE_*), else 0
 * @mode: WDM_SS_* bits
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (truncated, terminated)
 * or STATUS_INVALID_PARAMETER.
 */
NTSTATUS wdm_strsafe_copy(PVOID dest, SIZE_T size, PCVOID src, SIZE_T max,
			  PVOID *dest_end, SIZE_T *remaining, ULONG flags,
			  ULONG mode)
{
	return ss_copy(dest, size, src, max, dest_end, remaining, flags, mode,
		       false);
}
EXPORT_SYMBOL_WDM(wdm_strsafe_copy);

/**
 * wdm_strsafe_cat() - the RtlStringC{ch,b}Cat{,N}{,Ex}{A,W} routines
 * @dest: the destination, a NUL-terminated string within @size
 * @size: its size, in characters or (WDM_SS_BYTES) bytes
 * @src: the NUL-terminated string to append
 * @max: with WDM_SS_N, append at most this many characters (bytes)
 * @dest_end: NULL, or receives where the result's NUL is (Ex)
 * @remaining: NULL, or receives the room left including the NUL (Ex)
 * @flags: the dwFlags of an Ex routine (STRSAFE_*), else 0
 * @mode: WDM_SS_* bits
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (truncated, terminated)
 * or STATUS_INVALID_PARAMETER (also for a destination with no NUL).
 */
NTSTATUS wdm_strsafe_cat(PVOID dest, SIZE_T size, PCVOID src, SIZE_T max,
			 PVOID *dest_end, SIZE_T *remaining, ULONG flags,
			 ULONG mode)
{
	return ss_copy(dest, size, src, max, dest_end, remaining, flags, mode,
		       true);
}
EXPORT_SYMBOL_WDM(wdm_strsafe_cat);

/* kmalloc for a printf that may run at DISPATCH_LEVEL. */
static void *ss_alloc(size_t size, void *stack, size_t stack_size)
{
	if (size <= stack_size)
		return stack;
	return kmalloc(size, preemptible() ? GFP_KERNEL : GFP_ATOMIC);
}

static void ss_free(void *p, void *stack)
{
	if (p != stack)
		kfree(p);
}

/*
 * Format a wide printf into @out (at most @cap characters, not
 * terminated). Returns the length of the whole output in characters, or
 * -ENOMEM.
 */
static long ss_wformat(WCHAR *out, size_t cap, const WCHAR *fmt,
		       va_list ap)
{
	char fmt_stack[WDM_SS_STACK_FMT], out_stack[WDM_SS_STACK_OUT];
	size_t flen = ss_len(fmt, NTSTRSAFE_MAX_CCH, true), fsize, osize;
	char *f, *o;
	va_list aq;
	long n;

	fsize = flen * 3 + 1;	/* UTF-8 needs at most 3 bytes a WCHAR */
	f = ss_alloc(fsize, fmt_stack, sizeof(fmt_stack));
	if (!f)
		return -ENOMEM;
	wdm_utf16_to_utf8(f, fsize, fmt, flen);
	va_copy(aq, ap);
	osize = wdm_vformat_wide(NULL, 0, f, aq) + 1;
	va_end(aq);
	o = ss_alloc(osize, out_stack, sizeof(out_stack));
	if (!o) {
		ss_free(f, fmt_stack);
		return -ENOMEM;
	}
	wdm_vformat_wide(o, osize, f, ap);
	n = wdm_utf8_to_utf16(out, cap, o, osize - 1);
	ss_free(o, out_stack);
	ss_free(f, fmt_stack);
	return n;
}

/**
 * wdm_strsafe_vprintf() - the RtlStringC{ch,b}{V,}Printf{,Ex}{A,W}
 * routines
 * @dest: the destination buffer
 * @size: its size, in characters or (WDM_SS_BYTES) bytes
 * @dest_end: NULL, or receives where the result's NUL is (Ex)
 * @remaining: NULL, or receives the room left including the NUL (Ex)
 * @flags: the dwFlags of an Ex routine (STRSAFE_*), else 0
 * @mode: WDM_SS_* bits
 * @format: the Microsoft-dialect format, CHAR or (WDM_SS_WIDE) WCHAR
 * @args: its arguments
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (truncated, terminated),
 * STATUS_INVALID_PARAMETER, or STATUS_INSUFFICIENT_RESOURCES when the
 * UTF-8 buffer of a long wide result cannot be allocated.
 */
NTSTATUS wdm_strsafe_vprintf(PVOID dest, SIZE_T size, PVOID *dest_end,
			     SIZE_T *remaining, ULONG flags, ULONG mode,
			     PCVOID format, va_list args)
{
	struct ss_dest d;
	NTSTATUS status;
	size_t max = SIZE_MAX;
	long n;

	status = ss_dest_init(&d, dest, size, flags, mode, NTSTRSAFE_MAX_CCH);
	if (!NT_SUCCESS(status))
		return status;
	status = ss_source(&d, &format, &max, mode & ~WDM_SS_N);
	if (!NT_SUCCESS(status))
		return ss_reject(&d, 0, dest_end, remaining);
	if (!d.cch) {
		if (ss_get(format, 0, d.wide))
			status = d.buf ? STATUS_BUFFER_OVERFLOW :
					 STATUS_INVALID_PARAMETER;
		return ss_finish(&d, status, 0, dest_end, remaining);
	}
	if (d.wide) {
		n = ss_wformat(d.buf, d.cch - 1, format, args);
		if (n < 0) {
			ss_put(d.buf, 0, 0, true);
			return ss_finish(&d, STATUS_INSUFFICIENT_RESOURCES, 0,
					 dest_end, remaining);
		}
	} else {
		n = wdm_vformat(d.buf, d.cch, format, args);
	}
	d.end = min_t(size_t, n, d.cch - 1);
	/* a surrogate pair cut in half by the end of the buffer */
	if (d.wide && d.end < (size_t)n && d.end &&
	    ss_get(d.buf, d.end - 1, true) >= 0xd800 &&
	    ss_get(d.buf, d.end - 1, true) <= 0xdbff)
		d.end--;
	ss_put(d.buf, d.end, 0, d.wide);
	status = (size_t)n > d.end ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
	return ss_finish(&d, status, 0, dest_end, remaining);
}
EXPORT_SYMBOL_WDM(wdm_strsafe_vprintf);

/**
 * wdm_strsafe_length() - the RtlStringC{ch,b}Length{A,W} routines
 * @str: the string
 * @max: the most characters (WDM_SS_BYTES: bytes) it may take, its NUL
 *	included
 * @length: NULL, or receives its length without the NUL, in the unit of
 *	@max; 0 on failure
 * @mode: WDM_SS_* bits
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_PARAMETER for a NULL string,
 * a @max of 0 or above NTSTRSAFE_MAX_CCH, or no NUL within @max.
 */
NTSTATUS wdm_strsafe_length(PCVOID str, SIZE_T max, SIZE_T *length,
			    ULONG mode)
{
	bool wide = mode & WDM_SS_WIDE;
	size_t w = wide ? sizeof(WCHAR) : 1, cch, n;

	cch = mode & WDM_SS_BYTES ? max / w : max;
	if (length)
		*length = 0;
	if (!str || !cch || cch > NTSTRSAFE_MAX_CCH)
		return STATUS_INVALID_PARAMETER;
	n = ss_len(str, cch, wide);
	if (n == cch)
		return STATUS_INVALID_PARAMETER;
	if (length)
		*length = mode & WDM_SS_BYTES ? n * w : n;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(wdm_strsafe_length);

/* RtlUnicodeStringValidate's rules. */
static bool ss_ustr_valid(PCUNICODE_STRING s)
{
	return !(s->Length & 1) && !(s->MaximumLength & 1) &&
	       s->Length <= s->MaximumLength &&
	       s->MaximumLength <= NTSTRSAFE_UNICODE_STRING_MAX_CCH * sizeof(WCHAR) &&
	       (s->Buffer || !s->MaximumLength);
}

/**
 * wdm_ustr_validate() - RtlUnicodeStringValidate(Ex)
 * @str: the string
 * @flags: STRSAFE_IGNORE_NULLS (a NULL @str is valid), or 0
 *
 * Return: STATUS_SUCCESS if @str is a UNICODE_STRING the RtlUnicodeString*
 * routines accept: even lengths, Length within MaximumLength, at most
 * NTSTRSAFE_UNICODE_STRING_MAX_CCH characters, a Buffer unless empty.
 */
NTSTATUS wdm_ustr_validate(PCUNICODE_STRING str, ULONG flags)
{
	if (flags & ~STRSAFE_IGNORE_NULLS)
		return STATUS_INVALID_PARAMETER;
	if (!str)
		return flags & STRSAFE_IGNORE_NULLS ? STATUS_SUCCESS :
		       STATUS_INVALID_PARAMETER;
	return ss_ustr_valid(str) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
EXPORT_SYMBOL_WDM(wdm_ustr_validate);

/**
 * wdm_ustr_init() - RtlUnicodeStringInit(Ex): describe a NUL-terminated
 * string (not copied)
 * @dest: the UNICODE_STRING
 * @src: the string, or NULL for an empty one
 * @flags: STRSAFE_IGNORE_NULLS (a NULL @dest is accepted), or 0
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_PARAMETER for a string longer
 * than NTSTRSAFE_UNICODE_STRING_MAX_CCH characters (@dest then empty) or
 * a missing @dest.
 */
NTSTATUS wdm_ustr_init(PUNICODE_STRING dest, PCWSTR src, ULONG flags)
{
	size_t n = src ? ss_len(src, NTSTRSAFE_UNICODE_STRING_MAX_CCH + 1,
				true) : 0;

	if (flags & ~STRSAFE_IGNORE_NULLS)
		return STATUS_INVALID_PARAMETER;
	if (!dest)
		return (flags & STRSAFE_IGNORE_NULLS) && !src ?
		       STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
	dest->Length = 0;
	dest->MaximumLength = 0;
	dest->Buffer = NULL;
	if (n > NTSTRSAFE_UNICODE_STRING_MAX_CCH)
		return STATUS_INVALID_PARAMETER;
	if (!src)
		return STATUS_SUCCESS;
	dest->Buffer = (PWSTR)src;
	dest->Length = n * sizeof(WCHAR);
	/* the NUL counts in MaximumLength when it can */
	dest->MaximumLength = n < NTSTRSAFE_UNICODE_STRING_MAX_CCH ?
			      dest->Length + sizeof(WCHAR) : dest->Length;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(wdm_ustr_init);

/**
 * wdm_ustr_copy() - the RtlUnicodeString{Copy,Cat}{,String}{,N} routines
 * @dest: the destination UNICODE_STRING
 * @src: a PCUNICODE_STRING, or (WDM_SS_SZ) a NUL-terminated PCWSTR
 * @max: with WDM_SS_N, at most this many characters (WDM_SS_BYTES: bytes)
 * @mode: WDM_SS_* bits; WDM_SS_CAT appends after @dest's Length
 *
 * The result is not NUL-terminated.
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (truncated: Length says
 * what was copied), or STATUS_INVALID_PARAMETER for an invalid string, a
 * NULL pointer, or characters to add and no room at all.
 */
NTSTATUS wdm_ustr_copy(PUNICODE_STRING dest, PCVOID src, SIZE_T max,
		       ULONG mode)
{
	size_t at, room, n, limit = SIZE_MAX;
	const WCHAR *chars;

	if (!dest || !src || !ss_ustr_valid(dest))
		return STATUS_INVALID_PARAMETER;
	if (mode & WDM_SS_N) {
		limit = mode & WDM_SS_BYTES ? max / sizeof(WCHAR) : max;
		if (limit > NTSTRSAFE_UNICODE_STRING_MAX_CCH)
			return STATUS_INVALID_PARAMETER;
	}
	at = mode & WDM_SS_CAT ? dest->Length / sizeof(WCHAR) : 0;
	room = dest->MaximumLength / sizeof(WCHAR) - at;
	if (mode & WDM_SS_SZ) {
		chars = src;
		n = ss_len(chars, min(limit, room + 1), true);
	} else {
		PCUNICODE_STRING s = src;

		if (!ss_ustr_valid(s))
			return STATUS_INVALID_PARAMETER;
		chars = s->Buffer;
		n = min_t(size_t, s->Length / sizeof(WCHAR), limit);
	}
	if (n && !room)
		return STATUS_INVALID_PARAMETER;
	if (min(n, room))
		memmove(dest->Buffer + at, chars, min(n, room) * sizeof(WCHAR));
	dest->Length = (at + min(n, room)) * sizeof(WCHAR);
	return n > room ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(wdm_ustr_copy);

/**
 * wdm_ustr_vprintf() - RtlUnicodeString(V)Printf
 * @dest: the destination UNICODE_STRING; its old contents are replaced
 * @format: the Microsoft-dialect wide format
 * @args: its arguments
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW (truncated),
 * STATUS_INVALID_PARAMETER or STATUS_INSUFFICIENT_RESOURCES (see
 * wdm_strsafe_vprintf()).
 */
NTSTATUS wdm_ustr_vprintf(PUNICODE_STRING dest, PCWSTR format, va_list args)
{
	size_t cch;
	long n;

	if (!dest || !format || !ss_ustr_valid(dest))
		return STATUS_INVALID_PARAMETER;
	cch = dest->MaximumLength / sizeof(WCHAR);
	n = ss_wformat(dest->Buffer, cch, format, args);
	if (n < 0) {
		dest->Length = 0;
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	if (n && !cch)
		return STATUS_INVALID_PARAMETER;
	if ((size_t)n > cch && cch && dest->Buffer[cch - 1] >= 0xd800 &&
	    dest->Buffer[cch - 1] <= 0xdbff)
		cch--;		/* never half a surrogate pair */
	dest->Length = min_t(size_t, n, cch) * sizeof(WCHAR);
	return (size_t)n > cch ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(wdm_ustr_vprintf);
