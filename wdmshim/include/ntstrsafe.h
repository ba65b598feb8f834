/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntstrsafe.h - the WDK's safe string routines for drivers hosted by
 * wdmshim: RtlStringC{ch,b}{Copy,Cat}{,N}{,Ex}{A,W},
 * RtlStringC{ch,b}{V,}Printf{,Ex}{A,W}, RtlStringC{ch,b}Length{A,W},
 * RtlStringC{ch,b}{Copy,Cat}UnicodeString{,Ex} and the
 * RtlUnicodeString{Init,Validate,Copy,Cat,Printf}... family.
 *
 * As in the WDK they are inline; each calls one worker of wdmshim.ko
 * (rtl/strsafe.c, which documents the rules). Results are NTSTATUS:
 * STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW for a result truncated to fit
 * (and still NUL-terminated), STATUS_INVALID_PARAMETER for sizes of 0 or
 * above NTSTRSAFE_MAX_CCH, NULL pointers, or a destination to append to
 * that holds no NUL. printf formats are the Microsoft dialect of
 * DbgPrint (%ws, %wZ, %I64x, %lu meaning 32 bits...); floating point is
 * not formatted in the kernel.
 *
 * Not offered: the RtlUnicodeString*Ex routines (RemainingString),
 * RtlStringCchGets* and the NTSTRSAFE_LIB library form.
 */
#ifndef _WDMSHIM_NTSTRSAFE_H
#define _WDMSHIM_NTSTRSAFE_H

#include <ntdef.h>

typedef CHAR *NTSTRSAFE_PSTR;
typedef const CHAR *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;
typedef const CHAR *STRSAFE_PCNZCH;
typedef const WCHAR *STRSAFE_PCNZWCH;
typedef const CHAR *STRSAFE_LPCSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;

#define NTSTRSAFE_MAX_CCH			2147483647
#define NTSTRSAFE_MAX_LENGTH			(NTSTRSAFE_MAX_CCH - 1)
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH	(0xffff / sizeof(WCHAR))

/* dwFlags of the Ex routines; the low byte is a fill pattern */
#define STRSAFE_IGNORE_NULLS			0x00000100
#define STRSAFE_FILL_BEHIND_NULL		0x00000200
#define STRSAFE_FILL_ON_FAILURE			0x00000400
#define STRSAFE_NULL_ON_FAILURE			0x00000800
#define STRSAFE_NO_TRUNCATION			0x00001000
#define STRSAFE_IGNORE_NULL_UNICODE_STRINGS	0x00010000
#define STRSAFE_UNICODE_STRING_DEST_NULL_TERMINATED 0x00020000
#define STRSAFE_VALID_FLAGS \
	(0x000000FF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL | \
	 STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE | \
	 STRSAFE_NO_TRUNCATION)
#define STRSAFE_UNICODE_STRING_VALID_FLAGS \
	(STRSAFE_VALID_FLAGS | STRSAFE_IGNORE_NULL_UNICODE_STRINGS | \
	 STRSAFE_UNICODE_STRING_DEST_NULL_TERMINATED)
#define STRSAFE_FILL_BYTE(x) \
	((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) \
	((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags) & 0x000000FF))

#define NTSTRSAFEDDI static inline NTSTATUS NTAPI
#define NTSTRSAFEVAPI static inline NTSTATUS

/* How the routines below call the workers of rtl/strsafe.c */
#define WDM_SS_WIDE		0x01	/* WCHAR strings, else CHAR */
#define WDM_SS_BYTES		0x02	/* sizes in bytes (Cb), else characters */
#define WDM_SS_EX		0x04	/* an Ex routine: dwFlags apply */
#define WDM_SS_N		0x08	/* the source is limited (N routines) */
#define WDM_SS_USTR_DEST	0x10	/* at most NTSTRSAFE_UNICODE_STRING_MAX_CCH */
#define WDM_SS_SZ		0x20	/* a NUL-terminated source, else PCUNICODE_STRING */
#define WDM_SS_CAT		0x40	/* append to a UNICODE_STRING */
/* a UNICODE_STRING into a NUL-terminated buffer */
#define WDM_SS_TO_SZ_CCH	(WDM_SS_WIDE | WDM_SS_USTR_DEST)
#define WDM_SS_TO_SZ_CB		(WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_USTR_DEST)

NTSTATUS wdm_strsafe_copy(PVOID dest, SIZE_T size, PCVOID src, SIZE_T max,
			  PVOID *dest_end, SIZE_T *remaining, ULONG flags,
			  ULONG mode);
NTSTATUS wdm_strsafe_cat(PVOID dest, SIZE_T size, PCVOID src, SIZE_T max,
			 PVOID *dest_end, SIZE_T *remaining, ULONG flags,
			 ULONG mode);
NTSTATUS wdm_strsafe_vprintf(PVOID dest, SIZE_T size, PVOID *dest_end,
			     SIZE_T *remaining, ULONG flags, ULONG mode,
			     PCVOID format, va_list args);
NTSTATUS wdm_strsafe_length(PCVOID str, SIZE_T max, SIZE_T *length,
			    ULONG mode);
NTSTATUS wdm_ustr_validate(PCUNICODE_STRING str, ULONG flags);
NTSTATUS wdm_ustr_init(PUNICODE_STRING dest, PCWSTR src, ULONG flags);
NTSTATUS wdm_ustr_copy(PUNICODE_STRING dest, PCVOID src, SIZE_T max,
		       ULONG mode);
NTSTATUS wdm_ustr_vprintf(PUNICODE_STRING dest, PCWSTR format,
			  va_list args);

static inline PCWSTR wdm_ustr_chars(PCUNICODE_STRING s)
{
	return s && s->Buffer ? s->Buffer : L"";
}

NTSTRSAFEDDI RtlStringCchCopyA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
			       NTSTRSAFE_PCSTR pszSrc)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, 0, NULL, NULL, 0, 0);
}

NTSTRSAFEDDI RtlStringCchCopyExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				 NTSTRSAFE_PCSTR pszSrc,
				 NTSTRSAFE_PSTR *ppszDestEnd,
				 size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, 0,
				(PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
				WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCopyNA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				STRSAFE_PCNZCH pszSrc, size_t cchToCopy)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, cchToCopy, NULL, NULL,
				0, WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCopyNExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				  STRSAFE_PCNZCH pszSrc, size_t cchToCopy,
				  NTSTRSAFE_PSTR *ppszDestEnd,
				  size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, cchToCopy,
				(PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
				WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
			      NTSTRSAFE_PCSTR pszSrc)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, 0, NULL, NULL, 0, 0);
}

NTSTRSAFEDDI RtlStringCchCatExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				NTSTRSAFE_PCSTR pszSrc,
				NTSTRSAFE_PSTR *ppszDestEnd,
				size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, 0,
			       (PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
			       WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCatNA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
			       STRSAFE_PCNZCH pszSrc, size_t cchToAppend)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, cchToAppend, NULL,
			       NULL, 0, WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCatNExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				 STRSAFE_PCNZCH pszSrc, size_t cchToAppend,
				 NTSTRSAFE_PSTR *ppszDestEnd,
				 size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, cchToAppend,
			       (PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
			       WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				  NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cchDest, NULL, NULL, 0, 0,
				   pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCchVPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				    NTSTRSAFE_PSTR *ppszDestEnd,
				    size_t *pcchRemaining, DWORD dwFlags,
				    NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cchDest, (PVOID *)ppszDestEnd,
				   pcchRemaining, dwFlags, WDM_SS_EX, pszFormat,
				   argList);
}

NTSTRSAFEDDI RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				 NTSTRSAFE_PCSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cchDest, NULL, NULL, 0, 0,
				     pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCchPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cchDest,
				   NTSTRSAFE_PSTR *ppszDestEnd,
				   size_t *pcchRemaining, DWORD dwFlags,
				   NTSTRSAFE_PCSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cchDest, (PVOID *)ppszDestEnd,
				     pcchRemaining, dwFlags, WDM_SS_EX,
				     pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCchLengthA(STRSAFE_PCNZCH psz, size_t cchMax,
				 size_t *pcchLength)
{
	return wdm_strsafe_length(psz, cchMax, pcchLength, 0);
}

NTSTRSAFEDDI RtlStringCbCopyA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
			      NTSTRSAFE_PCSTR pszSrc)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, 0, NULL, NULL, 0,
				WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCbCopyExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				NTSTRSAFE_PCSTR pszSrc,
				NTSTRSAFE_PSTR *ppszDestEnd,
				size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, 0,
				(PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
				WDM_SS_BYTES | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCopyNA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
			       STRSAFE_PCNZCH pszSrc, size_t cbToCopy)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, cbToCopy, NULL, NULL,
				0, WDM_SS_BYTES | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCopyNExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				 STRSAFE_PCNZCH pszSrc, size_t cbToCopy,
				 NTSTRSAFE_PSTR *ppszDestEnd,
				 size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, cbToCopy,
				(PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
				WDM_SS_BYTES | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
			     NTSTRSAFE_PCSTR pszSrc)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, 0, NULL, NULL, 0,
			       WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCbCatExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
			       NTSTRSAFE_PCSTR pszSrc,
			       NTSTRSAFE_PSTR *ppszDestEnd,
			       size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, 0, (PVOID *)ppszDestEnd,
			       pcbRemaining, dwFlags, WDM_SS_BYTES | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCatNA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
			      STRSAFE_PCNZCH pszSrc, size_t cbToAppend)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, cbToAppend, NULL, NULL,
			       0, WDM_SS_BYTES | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCatNExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				STRSAFE_PCNZCH pszSrc, size_t cbToAppend,
				NTSTRSAFE_PSTR *ppszDestEnd,
				size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, cbToAppend,
			       (PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
			       WDM_SS_BYTES | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				 NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cbDest, NULL, NULL, 0, WDM_SS_BYTES,
				   pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCbVPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				   NTSTRSAFE_PSTR *ppszDestEnd,
				   size_t *pcbRemaining, DWORD dwFlags,
				   NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cbDest, (PVOID *)ppszDestEnd,
				   pcbRemaining, dwFlags,
				   WDM_SS_BYTES | WDM_SS_EX, pszFormat,
				   argList);
}

NTSTRSAFEDDI RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				NTSTRSAFE_PCSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cbDest, NULL, NULL, 0,
				     WDM_SS_BYTES, pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCbPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
				  NTSTRSAFE_PSTR *ppszDestEnd,
				  size_t *pcbRemaining, DWORD dwFlags,
				  NTSTRSAFE_PCSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cbDest, (PVOID *)ppszDestEnd,
				     pcbRemaining, dwFlags,
				     WDM_SS_BYTES | WDM_SS_EX, pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCbLengthA(STRSAFE_PCNZCH psz, size_t cbMax,
				size_t *pcbLength)
{
	return wdm_strsafe_length(psz, cbMax, pcbLength, WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCchCopyW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
			       NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, 0, NULL, NULL, 0,
				WDM_SS_WIDE);
}

NTSTRSAFEDDI RtlStringCchCopyExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				 NTSTRSAFE_PCWSTR pszSrc,
				 NTSTRSAFE_PWSTR *ppszDestEnd,
				 size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, 0,
				(PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
				WDM_SS_WIDE | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				STRSAFE_PCNZWCH pszSrc, size_t cchToCopy)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, cchToCopy, NULL, NULL,
				0, WDM_SS_WIDE | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCopyNExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				  STRSAFE_PCNZWCH pszSrc, size_t cchToCopy,
				  NTSTRSAFE_PWSTR *ppszDestEnd,
				  size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cchDest, pszSrc, cchToCopy,
				(PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
				WDM_SS_WIDE | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
			      NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, 0, NULL, NULL, 0,
			       WDM_SS_WIDE);
}

NTSTRSAFEDDI RtlStringCchCatExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				NTSTRSAFE_PCWSTR pszSrc,
				NTSTRSAFE_PWSTR *ppszDestEnd,
				size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, 0,
			       (PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
			       WDM_SS_WIDE | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCatNW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
			       STRSAFE_PCNZWCH pszSrc, size_t cchToAppend)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, cchToAppend, NULL,
			       NULL, 0, WDM_SS_WIDE | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCatNExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				 STRSAFE_PCNZWCH pszSrc, size_t cchToAppend,
				 NTSTRSAFE_PWSTR *ppszDestEnd,
				 size_t *pcchRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cchDest, pszSrc, cchToAppend,
			       (PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
			       WDM_SS_WIDE | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				  NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cchDest, NULL, NULL, 0, WDM_SS_WIDE,
				   pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCchVPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				    NTSTRSAFE_PWSTR *ppszDestEnd,
				    size_t *pcchRemaining, DWORD dwFlags,
				    NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cchDest, (PVOID *)ppszDestEnd,
				   pcchRemaining, dwFlags,
				   WDM_SS_WIDE | WDM_SS_EX, pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				 NTSTRSAFE_PCWSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cchDest, NULL, NULL, 0,
				     WDM_SS_WIDE, pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCchPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
				   NTSTRSAFE_PWSTR *ppszDestEnd,
				   size_t *pcchRemaining, DWORD dwFlags,
				   NTSTRSAFE_PCWSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cchDest, (PVOID *)ppszDestEnd,
				     pcchRemaining, dwFlags,
				     WDM_SS_WIDE | WDM_SS_EX, pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCchLengthW(STRSAFE_PCNZWCH psz, size_t cchMax,
				 size_t *pcchLength)
{
	return wdm_strsafe_length(psz, cchMax, pcchLength, WDM_SS_WIDE);
}

NTSTRSAFEDDI RtlStringCbCopyW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
			      NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, 0, NULL, NULL, 0,
				WDM_SS_WIDE | WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCbCopyExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				NTSTRSAFE_PCWSTR pszSrc,
				NTSTRSAFE_PWSTR *ppszDestEnd,
				size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, 0,
				(PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
				WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
			       STRSAFE_PCNZWCH pszSrc, size_t cbToCopy)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, cbToCopy, NULL, NULL,
				0, WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCopyNExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				 STRSAFE_PCNZWCH pszSrc, size_t cbToCopy,
				 NTSTRSAFE_PWSTR *ppszDestEnd,
				 size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_copy(pszDest, cbDest, pszSrc, cbToCopy,
				(PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
				WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
			     NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, 0, NULL, NULL, 0,
			       WDM_SS_WIDE | WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCbCatExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
			       NTSTRSAFE_PCWSTR pszSrc,
			       NTSTRSAFE_PWSTR *ppszDestEnd,
			       size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, 0, (PVOID *)ppszDestEnd,
			       pcbRemaining, dwFlags,
			       WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCatNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
			      STRSAFE_PCNZWCH pszSrc, size_t cbToAppend)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, cbToAppend, NULL, NULL,
			       0, WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCatNExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				STRSAFE_PCNZWCH pszSrc, size_t cbToAppend,
				NTSTRSAFE_PWSTR *ppszDestEnd,
				size_t *pcbRemaining, DWORD dwFlags)
{
	return wdm_strsafe_cat(pszDest, cbDest, pszSrc, cbToAppend,
			       (PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
			       WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				 NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cbDest, NULL, NULL, 0,
				   WDM_SS_WIDE | WDM_SS_BYTES, pszFormat,
				   argList);
}

NTSTRSAFEDDI RtlStringCbVPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				   NTSTRSAFE_PWSTR *ppszDestEnd,
				   size_t *pcbRemaining, DWORD dwFlags,
				   NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
	return wdm_strsafe_vprintf(pszDest, cbDest, (PVOID *)ppszDestEnd,
				   pcbRemaining, dwFlags,
				   WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_EX,
				   pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				NTSTRSAFE_PCWSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cbDest, NULL, NULL, 0,
				     WDM_SS_WIDE | WDM_SS_BYTES, pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCbPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
				  NTSTRSAFE_PWSTR *ppszDestEnd,
				  size_t *pcbRemaining, DWORD dwFlags,
				  NTSTRSAFE_PCWSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_strsafe_vprintf(pszDest, cbDest, (PVOID *)ppszDestEnd,
				     pcbRemaining, dwFlags,
				     WDM_SS_WIDE | WDM_SS_BYTES | WDM_SS_EX,
				     pszFormat, ap);
	va_end(ap);
	return status;
}

NTSTRSAFEDDI RtlStringCbLengthW(STRSAFE_PCNZWCH psz, size_t cbMax,
				size_t *pcbLength)
{
	return wdm_strsafe_length(psz, cbMax, pcbLength,
				  WDM_SS_WIDE | WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlStringCchCopyUnicodeString(NTSTRSAFE_PWSTR pszDest,
					   size_t cchDest,
					   PCUNICODE_STRING SourceString)
{
	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, 0)))
		return wdm_strsafe_copy(pszDest, cchDest, NULL, 0, NULL, NULL,
					0, WDM_SS_TO_SZ_CCH);
	return wdm_strsafe_copy(pszDest, cchDest, wdm_ustr_chars(SourceString),
				SourceString->Length / sizeof(WCHAR), NULL,
				NULL, 0, WDM_SS_TO_SZ_CCH | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCopyUnicodeStringEx(NTSTRSAFE_PWSTR pszDest,
					     size_t cchDest,
					     PCUNICODE_STRING SourceString,
					     NTSTRSAFE_PWSTR *ppszDestEnd,
					     size_t *pcchRemaining,
					     DWORD dwFlags)
{
	DWORD nulls = dwFlags & STRSAFE_IGNORE_NULLS;

	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, nulls)))
		return wdm_strsafe_copy(pszDest, cchDest, NULL, 0,
					(PVOID *)ppszDestEnd, pcchRemaining,
					dwFlags & ~nulls,
					WDM_SS_TO_SZ_CCH | WDM_SS_EX);
	return wdm_strsafe_copy(pszDest, cchDest, wdm_ustr_chars(SourceString),
				SourceString ? SourceString->Length / sizeof(WCHAR) : 0,
				(PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
				WDM_SS_TO_SZ_CCH | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCchCatUnicodeString(NTSTRSAFE_PWSTR pszDest,
					  size_t cchDest,
					  PCUNICODE_STRING SourceString)
{
	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, 0)))
		return wdm_strsafe_cat(pszDest, cchDest, NULL, 0, NULL, NULL, 0,
				       WDM_SS_TO_SZ_CCH);
	return wdm_strsafe_cat(pszDest, cchDest, wdm_ustr_chars(SourceString),
			       SourceString->Length / sizeof(WCHAR), NULL, NULL,
			       0, WDM_SS_TO_SZ_CCH | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCchCatUnicodeStringEx(NTSTRSAFE_PWSTR pszDest,
					    size_t cchDest,
					    PCUNICODE_STRING SourceString,
					    NTSTRSAFE_PWSTR *ppszDestEnd,
					    size_t *pcchRemaining,
					    DWORD dwFlags)
{
	DWORD nulls = dwFlags & STRSAFE_IGNORE_NULLS;

	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, nulls)))
		return wdm_strsafe_cat(pszDest, cchDest, NULL, 0,
				       (PVOID *)ppszDestEnd, pcchRemaining,
				       dwFlags & ~nulls,
				       WDM_SS_TO_SZ_CCH | WDM_SS_EX);
	return wdm_strsafe_cat(pszDest, cchDest, wdm_ustr_chars(SourceString),
			       SourceString ? SourceString->Length / sizeof(WCHAR) : 0,
			       (PVOID *)ppszDestEnd, pcchRemaining, dwFlags,
			       WDM_SS_TO_SZ_CCH | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCopyUnicodeString(NTSTRSAFE_PWSTR pszDest,
					  size_t cbDest,
					  PCUNICODE_STRING SourceString)
{
	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, 0)))
		return wdm_strsafe_copy(pszDest, cbDest, NULL, 0, NULL, NULL, 0,
					WDM_SS_TO_SZ_CB);
	return wdm_strsafe_copy(pszDest, cbDest, wdm_ustr_chars(SourceString),
				SourceString->Length, NULL, NULL, 0,
				WDM_SS_TO_SZ_CB | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCopyUnicodeStringEx(NTSTRSAFE_PWSTR pszDest,
					    size_t cbDest,
					    PCUNICODE_STRING SourceString,
					    NTSTRSAFE_PWSTR *ppszDestEnd,
					    size_t *pcbRemaining, DWORD dwFlags)
{
	DWORD nulls = dwFlags & STRSAFE_IGNORE_NULLS;

	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, nulls)))
		return wdm_strsafe_copy(pszDest, cbDest, NULL, 0,
					(PVOID *)ppszDestEnd, pcbRemaining,
					dwFlags & ~nulls,
					WDM_SS_TO_SZ_CB | WDM_SS_EX);
	return wdm_strsafe_copy(pszDest, cbDest, wdm_ustr_chars(SourceString),
				SourceString ? SourceString->Length : 0,
				(PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
				WDM_SS_TO_SZ_CB | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlStringCbCatUnicodeString(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
					 PCUNICODE_STRING SourceString)
{
	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, 0)))
		return wdm_strsafe_cat(pszDest, cbDest, NULL, 0, NULL, NULL, 0,
				       WDM_SS_TO_SZ_CB);
	return wdm_strsafe_cat(pszDest, cbDest, wdm_ustr_chars(SourceString),
			       SourceString->Length, NULL, NULL, 0,
			       WDM_SS_TO_SZ_CB | WDM_SS_N);
}

NTSTRSAFEDDI RtlStringCbCatUnicodeStringEx(NTSTRSAFE_PWSTR pszDest,
					   size_t cbDest,
					   PCUNICODE_STRING SourceString,
					   NTSTRSAFE_PWSTR *ppszDestEnd,
					   size_t *pcbRemaining, DWORD dwFlags)
{
	DWORD nulls = dwFlags & STRSAFE_IGNORE_NULLS;

	if (!NT_SUCCESS(wdm_ustr_validate(SourceString, nulls)))
		return wdm_strsafe_cat(pszDest, cbDest, NULL, 0,
				       (PVOID *)ppszDestEnd, pcbRemaining,
				       dwFlags & ~nulls,
				       WDM_SS_TO_SZ_CB | WDM_SS_EX);
	return wdm_strsafe_cat(pszDest, cbDest, wdm_ustr_chars(SourceString),
			       SourceString ? SourceString->Length : 0,
			       (PVOID *)ppszDestEnd, pcbRemaining, dwFlags,
			       WDM_SS_TO_SZ_CB | WDM_SS_N | WDM_SS_EX);
}

NTSTRSAFEDDI RtlUnicodeStringInit(PUNICODE_STRING DestinationString,
				  NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_ustr_init(DestinationString, pszSrc, 0);
}

NTSTRSAFEDDI RtlUnicodeStringInitEx(PUNICODE_STRING DestinationString,
				    NTSTRSAFE_PCWSTR pszSrc, DWORD dwFlags)
{
	return wdm_ustr_init(DestinationString, pszSrc, dwFlags);
}

NTSTRSAFEDDI RtlUnicodeStringValidate(PCUNICODE_STRING SourceString)
{
	return wdm_ustr_validate(SourceString, 0);
}

NTSTRSAFEDDI RtlUnicodeStringValidateEx(PCUNICODE_STRING SourceString,
					DWORD dwFlags)
{
	return wdm_ustr_validate(SourceString, dwFlags);
}

NTSTRSAFEDDI RtlUnicodeStringCopy(PUNICODE_STRING DestinationString,
				  PCUNICODE_STRING SourceString)
{
	return wdm_ustr_copy(DestinationString, SourceString, 0, 0);
}

NTSTRSAFEDDI RtlUnicodeStringCopyString(PUNICODE_STRING DestinationString,
					NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_ustr_copy(DestinationString, pszSrc, 0, WDM_SS_SZ);
}

NTSTRSAFEDDI RtlUnicodeStringCchCopyN(PUNICODE_STRING DestinationString,
				      PCUNICODE_STRING SourceString,
				      size_t cchToCopy)
{
	return wdm_ustr_copy(DestinationString, SourceString, cchToCopy,
			     WDM_SS_N);
}

NTSTRSAFEDDI RtlUnicodeStringCchCopyStringN(PUNICODE_STRING DestinationString,
					    NTSTRSAFE_PCWSTR pszSrc,
					    size_t cchToCopy)
{
	return wdm_ustr_copy(DestinationString, pszSrc, cchToCopy,
			     WDM_SS_SZ | WDM_SS_N);
}

NTSTRSAFEDDI RtlUnicodeStringCbCopyN(PUNICODE_STRING DestinationString,
				     PCUNICODE_STRING SourceString,
				     size_t cbToCopy)
{
	return wdm_ustr_copy(DestinationString, SourceString, cbToCopy,
			     WDM_SS_N | WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlUnicodeStringCbCopyStringN(PUNICODE_STRING DestinationString,
					   NTSTRSAFE_PCWSTR pszSrc,
					   size_t cbToCopy)
{
	return wdm_ustr_copy(DestinationString, pszSrc, cbToCopy,
			     WDM_SS_SZ | WDM_SS_N | WDM_SS_BYTES);
}

NTSTRSAFEDDI RtlUnicodeStringCat(PUNICODE_STRING DestinationString,
				 PCUNICODE_STRING SourceString)
{
	return wdm_ustr_copy(DestinationString, SourceString, 0, WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringCatString(PUNICODE_STRING DestinationString,
				       NTSTRSAFE_PCWSTR pszSrc)
{
	return wdm_ustr_copy(DestinationString, pszSrc, 0,
			     WDM_SS_SZ | WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringCchCatN(PUNICODE_STRING DestinationString,
				     PCUNICODE_STRING SourceString,
				     size_t cchToAppend)
{
	return wdm_ustr_copy(DestinationString, SourceString, cchToAppend,
			     WDM_SS_N | WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringCchCatStringN(PUNICODE_STRING DestinationString,
					   NTSTRSAFE_PCWSTR pszSrc,
					   size_t cchToAppend)
{
	return wdm_ustr_copy(DestinationString, pszSrc, cchToAppend,
			     WDM_SS_SZ | WDM_SS_N | WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringCbCatN(PUNICODE_STRING DestinationString,
				    PCUNICODE_STRING SourceString,
				    size_t cbToAppend)
{
	return wdm_ustr_copy(DestinationString, SourceString, cbToAppend,
			     WDM_SS_N | WDM_SS_BYTES | WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringCbCatStringN(PUNICODE_STRING DestinationString,
					  NTSTRSAFE_PCWSTR pszSrc,
					  size_t cbToAppend)
{
	return wdm_ustr_copy(DestinationString, pszSrc, cbToAppend,
			     WDM_SS_SZ | WDM_SS_N | WDM_SS_BYTES | WDM_SS_CAT);
}

NTSTRSAFEDDI RtlUnicodeStringVPrintf(PUNICODE_STRING DestinationString,
				     NTSTRSAFE_PCWSTR pszFormat,
				     va_list argList)
{
	return wdm_ustr_vprintf(DestinationString, pszFormat, argList);
}

NTSTRSAFEDDI RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString,
				    NTSTRSAFE_PCWSTR pszFormat, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, pszFormat);
	status = wdm_ustr_vprintf(DestinationString, pszFormat, ap);
	va_end(ap);
	return status;
}

#endif /* _WDMSHIM_NTSTRSAFE_H */
