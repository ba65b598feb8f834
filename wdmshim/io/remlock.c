// SPDX-License-Identifier: GPL-2.0
/*
 * io/remlock.c - remove locks (IO_REMOVE_LOCK): a count of the I/O in a
 * driver's hands, so that its IRP_MN_REMOVE_DEVICE handler can wait for
 * that I/O to drain before the device goes.
 *
 * IoAcquireRemoveLock counts one more unless the lock is being removed
 * (then STATUS_DELETE_PENDING); IoReleaseRemoveLock counts one less;
 * IoReleaseRemoveLockAndWait marks the lock removed, drops the caller's
 * own acquisition and waits until the count falls to zero. The count
 * starts at one (the device's own reference, the one AndWait drops), as
 * in Windows, so the event is set exactly when the last holder leaves.
 */
#include "io.h"

#define WDM_REMLOCK_SIZE sizeof(IO_REMOVE_LOCK)

static bool wdm_remlock_check_size(ULONG size, unsigned long ip)
{
	if (size == WDM_REMLOCK_SIZE)
		return true;
	wdm_report(wdm_caller_name(ip), "remove lock of %u bytes, not %zu",
		   size, WDM_REMLOCK_SIZE);
	return false;
}

/**
 * IoInitializeRemoveLockEx() - initialise a remove lock
 * @Lock: the lock, in the device extension
 * @AllocateTag: a pool tag (checked builds' tracking; unused here)
 * @MaxLockedMinutes: checked builds' limit (unused here)
 * @HighWatermark: checked builds' limit (unused here)
 * @RemlockSize: sizeof(IO_REMOVE_LOCK), from the macro
 */
VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag,
				    ULONG MaxLockedMinutes,
				    ULONG HighWatermark, ULONG RemlockSize)
{
	if (!wdm_remlock_check_size(RemlockSize, _RET_IP_))
		return;
	Lock->Common.Removed = FALSE;
	Lock->Common.IoCount = 1;
	KeInitializeEvent(&Lock->Common.RemoveEvent, SynchronizationEvent, FALSE);
}
EXPORT_SYMBOL_WDM(IoInitializeRemoveLockEx);

/**
 * IoAcquireRemoveLockEx() - count one more I/O in the driver's hands
 * @RemoveLock: the lock
 * @Tag: identifies the acquisition (checked builds; unused here)
 * @File: the caller's file (checked builds; unused here)
 * @Line: the caller's line (checked builds; unused here)
 * @RemlockSize: sizeof(IO_REMOVE_LOCK)
 *
 * Callable at IRQL <= DISPATCH_LEVEL.
 *
 * Return: STATUS_SUCCESS, or STATUS_DELETE_PENDING once the device is
 * being removed (the lock is then not held).
 */
NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
				     PCSTR File, ULONG Line, ULONG RemlockSize)
{
	if (!wdm_remlock_check_size(RemlockSize, _RET_IP_))
		return STATUS_INVALID_PARAMETER;
	InterlockedIncrement(&RemoveLock->Common.IoCount);
	/* Read after the count went up: AndWait sets Removed before it waits. */
	smp_mb();
	if (READ_ONCE(RemoveLock->Common.Removed)) {
		if (InterlockedDecrement(&RemoveLock->Common.IoCount) == 0)
			KeSetEvent(&RemoveLock->Common.RemoveEvent, IO_NO_INCREMENT,
				   FALSE);
		return STATUS_DELETE_PENDING;
	}
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(IoAcquireRemoveLockEx);

/**
 * IoReleaseRemoveLockEx() - count one I/O less
 * @RemoveLock: the lock
 * @Tag: as given to IoAcquireRemoveLockEx()
 * @RemlockSize: sizeof(IO_REMOVE_LOCK)
 *
 * Releasing more than was acquired is reported. Callable at IRQL <=
 * DISPATCH_LEVEL.
 */
VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
				 ULONG RemlockSize)
{
	LONG count;

	if (!wdm_remlock_check_size(RemlockSize, _RET_IP_))
		return;
	count = InterlockedDecrement(&RemoveLock->Common.IoCount);
	if (count < 0) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "released a remove lock more often than acquired");
		InterlockedIncrement(&RemoveLock->Common.IoCount);
		return;
	}
	if (count == 0)
		KeSetEvent(&RemoveLock->Common.RemoveEvent, IO_NO_INCREMENT, FALSE);
}
EXPORT_SYMBOL_WDM(IoReleaseRemoveLockEx);

/**
 * IoReleaseRemoveLockAndWaitEx() - in IRP_MN_REMOVE_DEVICE: refuse new
 * acquisitions, release the caller's, wait for the others to be released
 * @RemoveLock: the lock, acquired once by the caller
 * @Tag: as given to IoAcquireRemoveLockEx()
 * @RemlockSize: sizeof(IO_REMOVE_LOCK)
 *
 * PASSIVE_LEVEL (it waits).
 */
VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
					ULONG RemlockSize)
{
	LONG count;

	if (!wdm_remlock_check_size(RemlockSize, _RET_IP_))
		return;
	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s at IRQL %u", __func__,
			   KeGetCurrentIrql());
		return;
	}
	WRITE_ONCE(RemoveLock->Common.Removed, TRUE);
	/* Pairs with IoAcquireRemoveLockEx's: its count, then our flag. */
	smp_mb();
	/* The caller's acquisition, then the initial count of one. */
	InterlockedDecrement(&RemoveLock->Common.IoCount);
	count = InterlockedDecrement(&RemoveLock->Common.IoCount);
	if (count > 0)
		KeWaitForSingleObject(&RemoveLock->Common.RemoveEvent, Executive,
				      KernelMode, FALSE, NULL);
	else if (count < 0)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s without holding the remove lock", __func__);
}
EXPORT_SYMBOL_WDM(IoReleaseRemoveLockAndWaitEx);
