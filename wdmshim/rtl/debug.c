// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/debug.c - DbgPrint, DbgPrintEx and RtlAssert on the kernel log.
 *
 * Messages are formatted in the Microsoft dialect (rtl/format.c) into a
 * 512-byte buffer, the limit Windows applies, and printed with the level
 * matching their DPFLTR level: errors as KERN_ERR, warnings as
 * KERN_WARNING, the rest as KERN_INFO.
 */
#include <linux/kernel.h>
#include "../wdm_internal.h"

#define WDM_DBGPRINT_MAX 512

/* Rules hosted drivers were reported to break (wdm_report()). */
atomic_t wdm_reports = ATOMIC_INIT(0);
EXPORT_SYMBOL_WDM(wdm_reports);

static void wdm_dbgprint(ULONG level, const char *fmt, va_list ap)
{
	char buf[WDM_DBGPRINT_MAX];
	size_t n;

	wdm_vformat(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (level > 31)		/* a DPFLTR_MASK bit mask: lowest bit set */
		level = __ffs(level & ~DPFLTR_MASK ? level & ~DPFLTR_MASK : 8);
	switch (level) {
	case DPFLTR_ERROR_LEVEL:
		pr_err("%s\n", buf);
		break;
	case DPFLTR_WARNING_LEVEL:
		pr_warn("%s\n", buf);
		break;
	default:
		pr_info("%s\n", buf);
		break;
	}
}

/**
 * vDbgPrintEx() - print a formatted message to the kernel log
 * @ComponentId: DPFLTR_*_ID of the caller (not filtered on)
 * @Level: DPFLTR_*_LEVEL, or DPFLTR_MASK with a level bit
 * @Format: Microsoft-dialect format
 * @arglist: arguments
 *
 * Return: STATUS_SUCCESS.
 */
ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format,
			va_list arglist)
{
	wdm_dbgprint(Level, Format, arglist);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(vDbgPrintEx);

/**
 * DbgPrint() - print a formatted message to the kernel log at KERN_INFO
 * @Format: Microsoft-dialect format
 *
 * Return: STATUS_SUCCESS.
 */
ULONG __cdecl DbgPrint(PCSTR Format, ...)
{
	va_list ap;

	va_start(ap, Format);
	wdm_dbgprint(DPFLTR_INFO_LEVEL, Format, ap);
	va_end(ap);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(DbgPrint);

/**
 * DbgPrintEx() - print a formatted message at a DPFLTR level
 * @ComponentId: DPFLTR_*_ID of the caller (not filtered on)
 * @Level: DPFLTR_*_LEVEL, or DPFLTR_MASK with a level bit
 * @Format: Microsoft-dialect format
 *
 * Return: STATUS_SUCCESS.
 */
ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
	va_list ap;

	va_start(ap, Format);
	wdm_dbgprint(Level, Format, ap);
	va_end(ap);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(DbgPrintEx);

/**
 * RtlAssert() - report a failed ASSERT of a hosted driver and continue
 * @FailedAssertion: the expression's text
 * @FileName: source file
 * @LineNumber: source line
 * @Message: ASSERTMSG text, or NULL
 */
VOID NTAPI RtlAssert(PVOID FailedAssertion, PVOID FileName, ULONG LineNumber,
		     PSTR Message)
{
	wdm_report(wdm_caller_name(_RET_IP_), "assertion failed: %s%s%s at %s:%u",
		   Message ? Message : "", Message ? ": " : "",
		   (char *)FailedAssertion, (char *)FileName, LineNumber);
}
EXPORT_SYMBOL_WDM(RtlAssert);
