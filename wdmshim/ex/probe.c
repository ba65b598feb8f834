// SPDX-License-Identifier: GPL-2.0
/*
 * ex/probe.c - ProbeForRead() and ProbeForWrite(): check that a buffer a
 * caller passed lies in user space, is aligned, and (unlike Windows'
 * range-only ProbeForRead) that its pages can be faulted in. A failure is
 * raised as an exception (ex/seh.c).
 *
 * A probed buffer is still a user buffer: with SMAP the kernel faults on a
 * direct access to it, and Linux cannot turn such a fault into an
 * exception. Drivers reach it through an MDL (MmProbeAndLockPages) or a
 * copy, as samples/ and tools/wdktest/ do.
 */
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "../wdm_internal.h"

/*
 * The common part: STATUS_SUCCESS, or the status to raise. Faulting in
 * sleeps: above APC_LEVEL (where Windows does not allow the call either)
 * the violation is reported and only the range is checked.
 */
static NTSTATUS wdm_probe(const char *who, const char *routine,
			  unsigned long addr, SIZE_T length, ULONG alignment,
			  bool write)
{
	void __user *p = (void __user *)addr;

	if (!length)
		return STATUS_SUCCESS;
	if (alignment != 1 && alignment != 2 && alignment != 4 &&
	    alignment != 8 && alignment != 16) {
		wdm_report(who, "%s with alignment %u (1, 2, 4, 8 or 16)",
			   routine, alignment);
		alignment = 1;
	}
	if (addr & (alignment - 1))
		return STATUS_DATATYPE_MISALIGNMENT;
	/* a system thread has no user address space at all */
	if (!access_ok(p, length) || !current->mm)
		return STATUS_ACCESS_VIOLATION;
	if (!preemptible()) {
		wdm_report(who, "%s at IRQL %u (APC_LEVEL at most): pages not checked",
			   routine, KeGetCurrentIrql());
		return STATUS_SUCCESS;
	}
	if (write ? fault_in_safe_writeable(p, length) :
		    fault_in_readable(p, length))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/**
 * ProbeForRead() - check that a user buffer may be read
 * @Address: start of the buffer
 * @Length: its length in bytes; 0 checks nothing
 * @Alignment: the alignment @Address must have: 1, 2, 4, 8 or 16
 *
 * Raises STATUS_DATATYPE_MISALIGNMENT for a misaligned buffer, and
 * STATUS_ACCESS_VIOLATION for one that is not in user space (a kernel
 * address) or not mapped readable. Call it inside __try/__except, at
 * PASSIVE_LEVEL or APC_LEVEL.
 */
VOID NTAPI ProbeForRead(const volatile VOID *Address, SIZE_T Length,
			ULONG Alignment)
{
	const char *who = wdm_caller_name(_RET_IP_);
	NTSTATUS status = wdm_probe(who, __func__, (unsigned long)Address,
				    Length, Alignment, false);

	if (!NT_SUCCESS(status))
		wdm_seh_raise_from(who, __func__, status);
}
EXPORT_SYMBOL_WDM(ProbeForRead);

/**
 * ProbeForWrite() - check that a user buffer may be written
 * @Address: start of the buffer
 * @Length: its length in bytes; 0 checks nothing
 * @Alignment: the alignment @Address must have: 1, 2, 4, 8 or 16
 *
 * As ProbeForRead(), the pages also checked writable; their contents
 * are not changed.
 */
VOID NTAPI ProbeForWrite(volatile VOID *Address, SIZE_T Length,
			 ULONG Alignment)
{
	const char *who = wdm_caller_name(_RET_IP_);
	NTSTATUS status = wdm_probe(who, __func__, (unsigned long)Address,
				    Length, Alignment, true);

	if (!NT_SUCCESS(status))
		wdm_seh_raise_from(who, __func__, status);
}
EXPORT_SYMBOL_WDM(ProbeForWrite);
