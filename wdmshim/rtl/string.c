// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/string.c - counted strings: UNICODE_STRING and ANSI_STRING.
 *
 * Lengths are in bytes and need not be even. Where Windows would write a
 * terminating NUL that does not fully fit in MaximumLength (odd lengths),
 * wdmshim leaves it out rather than write past the buffer.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "../wdm_internal.h"

#define WDM_TAG_USTR 0x55746c52	/* 'UltR' */
#define WDM_TAG_ASTR 0x41746c52	/* 'AltR' */
#define WDM_USTR_MAX_INIT 0xfffc	/* MAXUSHORT, even, minus a NUL */
#define WDM_ASTR_MAX_INIT 0xfffe	/* MAXUSHORT minus a NUL */

static size_t wdm_wcslen(PCWSTR s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Store a WCHAR NUL at byte offset @len if it fits in @max bytes. */
static void wdm_wterminate(PWSTR buf, size_t len, size_t max)
{
	if (len + sizeof(WCHAR) <= max)
		memset((u8 *)buf + len, 0, sizeof(WCHAR));
}

/**
 * RtlInitUnicodeString() - make a UNICODE_STRING describe a NUL-terminated
 * string (without copying it)
 * @DestinationString: the counted string to initialise
 * @SourceString: the characters, or NULL for an empty string
 *
 * Strings longer than 32766 characters are cut to that length.
 */
VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
				PCWSTR SourceString)
{
	size_t len = 0;

	if (SourceString)
		len = min_t(size_t, wdm_wcslen(SourceString) * sizeof(WCHAR),
			    WDM_USTR_MAX_INIT);
	DestinationString->Length = len;
	DestinationString->MaximumLength = SourceString ? len + sizeof(WCHAR) : 0;
	DestinationString->Buffer = (PWSTR)SourceString;
}
EXPORT_SYMBOL_WDM(RtlInitUnicodeString);

/**
 * RtlInitUnicodeStringEx() - RtlInitUnicodeString() that refuses strings
 * too long for a UNICODE_STRING
 * @DestinationString: the counted string to initialise
 * @SourceString: the characters, or NULL
 *
 * Return: STATUS_SUCCESS, or STATUS_NAME_TOO_LONG (string untouched).
 */
NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString,
				      PCWSTR SourceString)
{
	if (SourceString &&
	    wdm_wcslen(SourceString) * sizeof(WCHAR) > WDM_USTR_MAX_INIT)
		return STATUS_NAME_TOO_LONG;
	RtlInitUnicodeString(DestinationString, SourceString);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlInitUnicodeStringEx);

/**
 * RtlInitString() - make a STRING describe a NUL-terminated string
 * @DestinationString: the counted string to initialise
 * @SourceString: the characters, or NULL for an empty string
 *
 * Strings longer than 65534 bytes are cut to that length.
 */
VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString)
{
	size_t len = 0;

	if (SourceString)
		len = min_t(size_t, strlen(SourceString), WDM_ASTR_MAX_INIT);
	DestinationString->Length = len;
	DestinationString->MaximumLength = SourceString ? len + 1 : 0;
	DestinationString->Buffer = (PCHAR)SourceString;
}
EXPORT_SYMBOL_WDM(RtlInitString);

/**
 * RtlInitAnsiString() - make an ANSI_STRING describe a NUL-terminated string
 * @DestinationString: the counted string to initialise
 * @SourceString: the characters, or NULL for an empty string
 */
VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
	RtlInitString(DestinationString, SourceString);
}
EXPORT_SYMBOL_WDM(RtlInitAnsiString);

/**
 * RtlInitAnsiStringEx() - RtlInitAnsiString() that refuses strings too long
 * @DestinationString: the counted string to initialise
 * @SourceString: the characters, or NULL
 *
 * Return: STATUS_SUCCESS, or STATUS_NAME_TOO_LONG (string untouched).
 */
NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString,
				   PCSZ SourceString)
{
	if (SourceString && strlen(SourceString) > WDM_ASTR_MAX_INIT)
		return STATUS_NAME_TOO_LONG;
	RtlInitString(DestinationString, SourceString);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlInitAnsiStringEx);

/**
 * RtlCopyUnicodeString() - copy as much of a string as the destination holds
 * @DestinationString: receives min(its MaximumLength, source Length) bytes,
 *	NUL-terminated when there is room
 * @SourceString: the string to copy, or NULL to empty the destination
 */
VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
				PCUNICODE_STRING SourceString)
{
	size_t len;

	if (!SourceString) {
		DestinationString->Length = 0;
		return;
	}
	len = min(DestinationString->MaximumLength, SourceString->Length);
	memmove(DestinationString->Buffer, SourceString->Buffer, len);
	DestinationString->Length = len;
	wdm_wterminate(DestinationString->Buffer, len,
		       DestinationString->MaximumLength);
}
EXPORT_SYMBOL_WDM(RtlCopyUnicodeString);

/**
 * RtlCopyString() - copy as much of a string as the destination holds
 * @DestinationString: receives min(its MaximumLength, source Length) bytes,
 *	NUL-terminated when there is room
 * @SourceString: the string to copy, or NULL to empty the destination
 */
VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString)
{
	size_t len;

	if (!SourceString) {
		DestinationString->Length = 0;
		return;
	}
	len = min(DestinationString->MaximumLength, SourceString->Length);
	memmove(DestinationString->Buffer, SourceString->Buffer, len);
	DestinationString->Length = len;
	if (len < DestinationString->MaximumLength)
		DestinationString->Buffer[len] = '\0';
}
EXPORT_SYMBOL_WDM(RtlCopyString);

static WCHAR wdm_wchar_at(PCUNICODE_STRING s, size_t i)
{
	WCHAR c;

	memcpy(&c, (const u8 *)s->Buffer + i * sizeof(WCHAR), sizeof(c));
	return c;
}

static LONG wdm_compare_wchars(PCUNICODE_STRING a, PCUNICODE_STRING b,
			       size_t chars, BOOLEAN ci)
{
	size_t i;

	for (i = 0; i < chars; i++) {
		WCHAR x = wdm_wchar_at(a, i), y = wdm_wchar_at(b, i);

		if (ci) {
			x = RtlUpcaseUnicodeChar(x);
			y = RtlUpcaseUnicodeChar(y);
		}
		if (x != y)
			return (LONG)x - (LONG)y;
	}
	return 0;
}

/**
 * RtlCompareUnicodeString() - order two strings
 * @String1: first string
 * @String2: second string
 * @CaseInSensitive: compare upper-cased characters
 *
 * Return: the difference of the first differing characters, else of the
 * lengths: < 0, 0 or > 0.
 */
LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1,
				   PCUNICODE_STRING String2,
				   BOOLEAN CaseInSensitive)
{
	size_t chars = min(String1->Length, String2->Length) / sizeof(WCHAR);
	LONG d = wdm_compare_wchars(String1, String2, chars, CaseInSensitive);

	return d ? d : (LONG)String1->Length - (LONG)String2->Length;
}
EXPORT_SYMBOL_WDM(RtlCompareUnicodeString);

/**
 * RtlEqualUnicodeString() - whether two strings are equal
 * @String1: first string
 * @String2: second string
 * @CaseInSensitive: compare upper-cased characters
 *
 * Return: TRUE if the lengths and all characters match.
 */
BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1,
				    PCUNICODE_STRING String2,
				    BOOLEAN CaseInSensitive)
{
	if (String1->Length != String2->Length)
		return FALSE;
	return !RtlCompareUnicodeString(String1, String2, CaseInSensitive);
}
EXPORT_SYMBOL_WDM(RtlEqualUnicodeString);

/**
 * RtlPrefixUnicodeString() - whether @String1 is a prefix of @String2
 * @String1: the prefix
 * @String2: the string
 * @CaseInSensitive: compare upper-cased characters
 *
 * Return: TRUE or FALSE.
 */
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1,
				     PCUNICODE_STRING String2,
				     BOOLEAN CaseInSensitive)
{
	if (String1->Length > String2->Length)
		return FALSE;
	return !wdm_compare_wchars(String1, String2,
				   String1->Length / sizeof(WCHAR),
				   CaseInSensitive);
}
EXPORT_SYMBOL_WDM(RtlPrefixUnicodeString);

static unsigned char wdm_upper_ansi(unsigned char c)
{
	return wdm_unicode_to_ansi(RtlUpcaseUnicodeChar(wdm_ansi_to_unicode(c)));
}

/**
 * RtlCompareString() - order two ANSI strings, bytes compared unsigned
 * @String1: first string
 * @String2: second string
 * @CaseInSensitive: compare upper-cased characters
 *
 * Return: < 0, 0 or > 0.
 */
LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
			    BOOLEAN CaseInSensitive)
{
	size_t n = min(String1->Length, String2->Length), i;

	for (i = 0; i < n; i++) {
		unsigned char x = String1->Buffer[i], y = String2->Buffer[i];

		if (CaseInSensitive) {
			x = wdm_upper_ansi(x);
			y = wdm_upper_ansi(y);
		}
		if (x != y)
			return (LONG)x - (LONG)y;
	}
	return (LONG)String1->Length - (LONG)String2->Length;
}
EXPORT_SYMBOL_WDM(RtlCompareString);

/**
 * RtlEqualString() - whether two ANSI strings are equal
 * @String1: first string
 * @String2: second string
 * @CaseInSensitive: compare upper-cased characters
 *
 * Return: TRUE or FALSE.
 */
BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
			     BOOLEAN CaseInSensitive)
{
	if (String1->Length != String2->Length)
		return FALSE;
	return !RtlCompareString(String1, String2, CaseInSensitive);
}
EXPORT_SYMBOL_WDM(RtlEqualString);

static NTSTATUS wdm_append_bytes(PUNICODE_STRING dst, const void *src,
				 size_t len)
{
	if (dst->Length + len > dst->MaximumLength)
		return STATUS_BUFFER_TOO_SMALL;
	memmove((u8 *)dst->Buffer + dst->Length, src, len);
	dst->Length += len;
	wdm_wterminate(dst->Buffer, dst->Length, dst->MaximumLength);
	return STATUS_SUCCESS;
}

/**
 * RtlAppendUnicodeStringToString() - append a counted string
 * @Destination: string appended to; NUL-terminated when there is room
 * @Source: string to append
 *
 * Return: STATUS_SUCCESS, or STATUS_BUFFER_TOO_SMALL (nothing appended).
 */
NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
					      PCUNICODE_STRING Source)
{
	if (!Source->Length)
		return STATUS_SUCCESS;
	return wdm_append_bytes(Destination, Source->Buffer, Source->Length);
}
EXPORT_SYMBOL_WDM(RtlAppendUnicodeStringToString);

/**
 * RtlAppendUnicodeToString() - append a NUL-terminated string
 * @Destination: string appended to; NUL-terminated when there is room
 * @Source: characters to append, or NULL
 *
 * Return: STATUS_SUCCESS, or STATUS_BUFFER_TOO_SMALL (nothing appended).
 */
NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination,
					PCWSTR Source)
{
	if (!Source)
		return STATUS_SUCCESS;
	return wdm_append_bytes(Destination, Source,
				wdm_wcslen(Source) * sizeof(WCHAR));
}
EXPORT_SYMBOL_WDM(RtlAppendUnicodeToString);

/**
 * RtlAppendStringToString() - append an ANSI counted string
 * @Destination: string appended to (not NUL-terminated, as on Windows)
 * @Source: string to append
 *
 * Return: STATUS_SUCCESS, or STATUS_BUFFER_TOO_SMALL (nothing appended).
 */
NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination,
				       const STRING *Source)
{
	if (Destination->Length + Source->Length > Destination->MaximumLength)
		return STATUS_BUFFER_TOO_SMALL;
	memmove(Destination->Buffer + Destination->Length, Source->Buffer,
		Source->Length);
	Destination->Length += Source->Length;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlAppendStringToString);

/**
 * RtlUpcaseUnicodeString() - upper-case a string
 * @DestinationString: receives the result (not NUL-terminated)
 * @SourceString: string to convert
 * @AllocateDestinationString: allocate the destination buffer (free it with
 *	RtlFreeUnicodeString())
 *
 * Return: STATUS_SUCCESS, STATUS_NO_MEMORY or STATUS_BUFFER_OVERFLOW.
 */
NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
				      PCUNICODE_STRING SourceString,
				      BOOLEAN AllocateDestinationString)
{
	size_t i, chars = SourceString->Length / sizeof(WCHAR);

	if (AllocateDestinationString) {
		DestinationString->Buffer =
			wdm_pool_alloc(wdm_pool_account_of(_RET_IP_), true, false,
				       false, SourceString->Length, WDM_TAG_USTR);
		if (!DestinationString->Buffer)
			return STATUS_NO_MEMORY;
		DestinationString->MaximumLength = SourceString->Length;
	} else if (SourceString->Length > DestinationString->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	for (i = 0; i < chars; i++) {
		WCHAR c = RtlUpcaseUnicodeChar(wdm_wchar_at(SourceString, i));

		memcpy((u8 *)DestinationString->Buffer + i * sizeof(WCHAR), &c,
		       sizeof(c));
	}
	DestinationString->Length = chars * sizeof(WCHAR);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlUpcaseUnicodeString);

/**
 * RtlxUnicodeStringToAnsiSize() - bytes an ANSI copy needs, NUL included
 * @UnicodeString: the string
 *
 * Return: the size in bytes.
 */
ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString)
{
	return (UnicodeString->Length + sizeof(WCHAR)) / sizeof(WCHAR);
}
EXPORT_SYMBOL_WDM(RtlxUnicodeStringToAnsiSize);

/**
 * RtlxAnsiStringToUnicodeSize() - bytes a Unicode copy needs, NUL included
 * @AnsiString: the string
 *
 * Return: the size in bytes.
 */
ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString)
{
	return (AnsiString->Length + 1) * sizeof(WCHAR);
}
EXPORT_SYMBOL_WDM(RtlxAnsiStringToUnicodeSize);

/**
 * RtlUnicodeStringToAnsiString() - convert to code page 1252
 * @DestinationString: receives the NUL-terminated result
 * @SourceString: string to convert; unmappable characters become '?'
 * @AllocateDestinationString: allocate the destination buffer (free it with
 *	RtlFreeAnsiString())
 *
 * Return: STATUS_SUCCESS; STATUS_BUFFER_OVERFLOW when the destination is
 * too small (the result is then cut to fit, still NUL-terminated, unless
 * MaximumLength is 0); STATUS_INVALID_PARAMETER_2 or STATUS_NO_MEMORY.
 */
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
					    PCUNICODE_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	ULONG size = RtlxUnicodeStringToAnsiSize(SourceString);
	NTSTATUS status = STATUS_SUCCESS;
	size_t i;

	if (size > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	DestinationString->Length = size - 1;
	if (AllocateDestinationString) {
		DestinationString->Buffer =
			wdm_pool_alloc(wdm_pool_account_of(_RET_IP_), true, false,
				       false, size, WDM_TAG_ASTR);
		if (!DestinationString->Buffer)
			return STATUS_NO_MEMORY;
		DestinationString->MaximumLength = size;
	} else if (DestinationString->Length >= DestinationString->MaximumLength) {
		if (!DestinationString->MaximumLength)
			return STATUS_BUFFER_OVERFLOW;
		status = STATUS_BUFFER_OVERFLOW;
		DestinationString->Length = DestinationString->MaximumLength - 1;
	}
	for (i = 0; i < DestinationString->Length; i++)
		DestinationString->Buffer[i] =
			wdm_unicode_to_ansi(wdm_wchar_at(SourceString, i));
	DestinationString->Buffer[i] = '\0';
	return status;
}
EXPORT_SYMBOL_WDM(RtlUnicodeStringToAnsiString);

/**
 * RtlAnsiStringToUnicodeString() - convert from code page 1252
 * @DestinationString: receives the NUL-terminated result
 * @SourceString: string to convert
 * @AllocateDestinationString: allocate the destination buffer (free it with
 *	RtlFreeUnicodeString())
 *
 * Return: STATUS_SUCCESS; STATUS_BUFFER_OVERFLOW (nothing converted) when
 * the destination is too small; STATUS_INVALID_PARAMETER_2 when the result
 * cannot fit a UNICODE_STRING; STATUS_NO_MEMORY.
 */
NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
					    PCANSI_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	ULONG size = RtlxAnsiStringToUnicodeSize(SourceString);
	size_t i;

	if (size > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	if (AllocateDestinationString) {
		DestinationString->Buffer =
			wdm_pool_alloc(wdm_pool_account_of(_RET_IP_), true, false,
				       false, size, WDM_TAG_USTR);
		if (!DestinationString->Buffer)
			return STATUS_NO_MEMORY;
		DestinationString->MaximumLength = size;
	} else if (size - sizeof(WCHAR) >= DestinationString->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	DestinationString->Length = size - sizeof(WCHAR);
	for (i = 0; i < SourceString->Length; i++)
		DestinationString->Buffer[i] =
			wdm_ansi_to_unicode(SourceString->Buffer[i]);
	wdm_wterminate(DestinationString->Buffer, DestinationString->Length,
		       DestinationString->MaximumLength);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlAnsiStringToUnicodeString);

/**
 * RtlFreeUnicodeString() - free a buffer the Rtl routines allocated
 * @UnicodeString: the string; zeroed afterwards
 */
VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
	if (UnicodeString->Buffer)
		wdm_pool_free(_RET_IP_, UnicodeString->Buffer, 0, false);
	memset(UnicodeString, 0, sizeof(*UnicodeString));
}
EXPORT_SYMBOL_WDM(RtlFreeUnicodeString);

/**
 * RtlFreeAnsiString() - free a buffer the Rtl routines allocated
 * @AnsiString: the string; zeroed afterwards
 */
VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString)
{
	if (AnsiString->Buffer)
		wdm_pool_free(_RET_IP_, AnsiString->Buffer, 0, false);
	memset(AnsiString, 0, sizeof(*AnsiString));
}
EXPORT_SYMBOL_WDM(RtlFreeAnsiString);

/**
 * RtlUnicodeStringToInteger() - parse an unsigned or negative integer
 * @String: leading blanks, an optional sign, then digits; with @Base 0 an
 *	optional 0x, 0o or 0b prefix picks the base (default 10)
 * @Base: 0, 2, 8, 10 or 16
 * @Value: receives the value; parsing stops at the first non-digit
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER (bad @Base) or
 * STATUS_ACCESS_VIOLATION (@Value NULL).
 */
NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base,
					 PULONG Value)
{
	size_t n = String->Length / sizeof(WCHAR), i = 0;
	bool minus = false;
	ULONG total = 0;

	while (i < n && wdm_wchar_at(String, i) <= ' ')
		i++;
	if (i < n && (wdm_wchar_at(String, i) == '+' ||
		      wdm_wchar_at(String, i) == '-'))
		minus = wdm_wchar_at(String, i++) == '-';
	if (!Base) {
		Base = 10;
		if (i + 1 < n && wdm_wchar_at(String, i) == '0') {
			switch (wdm_wchar_at(String, i + 1)) {
			case 'x':
				Base = 16;
				break;
			case 'o':
				Base = 8;
				break;
			case 'b':
				Base = 2;
				break;
			}
			if (Base != 10)
				i += 2;
		}
	} else if (Base != 2 && Base != 8 && Base != 10 && Base != 16) {
		return STATUS_INVALID_PARAMETER;
	}
	if (!Value)
		return STATUS_ACCESS_VIOLATION;
	for (; i < n; i++) {
		WCHAR c = RtlUpcaseUnicodeChar(wdm_wchar_at(String, i));
		ULONG digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'A' && c <= 'Z')
			digit = c - 'A' + 10;
		else
			break;
		if (digit >= Base)
			break;
		total = total * Base + digit;
	}
	*Value = minus ? 0 - total : total;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlUnicodeStringToInteger);

/**
 * RtlIntegerToUnicodeString() - format an unsigned integer
 * @Value: the value
 * @Base: 0 (meaning 10), 2, 8, 10 or 16 (upper-case digits)
 * @String: receives the NUL-terminated digits
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER (bad @Base) or
 * STATUS_BUFFER_OVERFLOW (digits and NUL do not fit; nothing written).
 */
NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base,
					 PUNICODE_STRING String)
{
	char digits[33];
	int len = 0, i;

	if (!Base)
		Base = 10;
	if (Base != 2 && Base != 8 && Base != 10 && Base != 16)
		return STATUS_INVALID_PARAMETER;
	do {
		digits[len++] = "0123456789ABCDEF"[Value % Base];
		Value /= Base;
	} while (Value);
	if ((len + 1) * sizeof(WCHAR) > String->MaximumLength)
		return STATUS_BUFFER_OVERFLOW;
	for (i = 0; i < len; i++)
		String->Buffer[i] = digits[len - 1 - i];
	String->Buffer[len] = UNICODE_NULL;
	String->Length = len * sizeof(WCHAR);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(RtlIntegerToUnicodeString);
