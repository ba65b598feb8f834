// SPDX-License-Identifier: GPL-2.0
/*
 * io/cancel.c - IRP cancellation and the system-wide cancel spin lock.
 */
#include "io.h"

static KSPIN_LOCK wdm_cancel_lock;

/**
 * IoAcquireCancelSpinLock() - take the cancel spin lock, raising to
 * DISPATCH_LEVEL
 * @Irql: receives the previous IRQL
 */
VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql)
{
	*Irql = KeAcquireSpinLockRaiseToDpc(&wdm_cancel_lock);
}
EXPORT_SYMBOL_WDM(IoAcquireCancelSpinLock);

/**
 * IoReleaseCancelSpinLock() - release the cancel spin lock
 * @Irql: the IRQL IoAcquireCancelSpinLock() saved
 */
VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql)
{
	KeReleaseSpinLock(&wdm_cancel_lock, Irql);
}
EXPORT_SYMBOL_WDM(IoReleaseCancelSpinLock);

/**
 * IoCancelIrp() - cancel an IRP
 * @Irp: the IRP
 *
 * Sets Irp->Cancel; if a cancel routine is set, takes it out of the IRP
 * and calls it with the cancel spin lock held (the routine releases it,
 * with Irp->CancelIrql).
 *
 * Return: TRUE if a cancel routine was called.
 */
BOOLEAN NTAPI IoCancelIrp(PIRP Irp)
{
	struct wdm_seh_frame barrier;
	PDRIVER_CANCEL routine;
	KIRQL irql;

	IoAcquireCancelSpinLock(&irql);
	Irp->Cancel = TRUE;
	routine = IoSetCancelRoutine(Irp, NULL);
	if (!routine) {
		IoReleaseCancelSpinLock(irql);
		return FALSE;
	}
	Irp->CancelIrql = irql;
	wdm_seh_barrier_push(&barrier);
	routine(Irp->CurrentLocation <= Irp->StackCount ?
		IoGetCurrentIrpStackLocation(Irp)->DeviceObject : NULL, Irp);
	wdm_seh_barrier_pop(&barrier);
	return TRUE;
}
EXPORT_SYMBOL_WDM(IoCancelIrp);

void wdm_cancel_init(void)
{
	KeInitializeSpinLock(&wdm_cancel_lock);
}
