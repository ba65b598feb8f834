// SPDX-License-Identifier: GPL-2.0
/*
 * io/csq.c - cancel-safe IRP queues (IO_CSQ), with the WDK's semantics.
 *
 * The driver owns the queue and its lock (the Csq* callbacks); the I/O
 * manager owns the IRP's cancel routine. An IRP is in the queue with
 * IopCsqCancel as its cancel routine; whoever clears that routine first
 * (IoSetCancelRoutine(Irp, NULL) under the driver's lock, or IoCancelIrp)
 * owns the IRP: a remover skips an IRP whose cancel routine is already
 * gone, and the cancel routine takes it out of the queue and hands it to
 * CsqCompleteCanceledIrp. Irp->Tail.Overlay.DriverContext[3] points to
 * the IRP's IO_CSQ_IRP_CONTEXT, or to the IO_CSQ if it has none; the two
 * are told apart by their Type. No exception raised in a callback gets
 * past these routines (they stop them: ex/seh.c).
 */
#include "io.h"

static PIO_CSQ wdm_csq_of(PIRP Irp, PIO_CSQ_IRP_CONTEXT *ctx)
{
	PVOID p = Irp->Tail.Overlay.DriverContext[3];

	*ctx = NULL;
	if (p && *(ULONG *)p == IO_TYPE_CSQ_IRP_CONTEXT) {
		*ctx = p;
		return (*ctx)->Csq;
	}
	return p;
}

static VOID NTAPI wdm_csq_cancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_CSQ_IRP_CONTEXT ctx;
	PIO_CSQ csq = wdm_csq_of(Irp, &ctx);
	KIRQL irql;

	IoReleaseCancelSpinLock(Irp->CancelIrql);
	csq->CsqAcquireLock(csq, &irql);
	csq->CsqRemoveIrp(csq, Irp);
	if (ctx)
		ctx->Irp = NULL;
	Irp->Tail.Overlay.DriverContext[3] = NULL;
	csq->CsqReleaseLock(csq, irql);
	csq->CsqCompleteCanceledIrp(csq, Irp);
}

static NTSTATUS wdm_csq_init(PIO_CSQ Csq, ULONG type, PVOID insert,
			     PIO_CSQ_REMOVE_IRP remove, PIO_CSQ_PEEK_NEXT_IRP peek,
			     PIO_CSQ_ACQUIRE_LOCK acquire,
			     PIO_CSQ_RELEASE_LOCK release,
			     PIO_CSQ_COMPLETE_CANCELED_IRP complete)
{
	Csq->Type = type;
	Csq->CsqInsertIrp = insert;
	Csq->CsqRemoveIrp = remove;
	Csq->CsqPeekNextIrp = peek;
	Csq->CsqAcquireLock = acquire;
	Csq->CsqReleaseLock = release;
	Csq->CsqCompleteCanceledIrp = complete;
	Csq->ReservePointer = NULL;
	return STATUS_SUCCESS;
}

/**
 * IoCsqInitialize() - set up a cancel-safe queue
 * @Csq: the queue
 * @CsqInsertIrp: inserts an IRP into the driver's queue
 * @CsqRemoveIrp: removes an IRP from it
 * @CsqPeekNextIrp: the IRP after Irp (the first if NULL) matching the
 *	PeekContext, or NULL
 * @CsqAcquireLock: takes the driver's queue lock
 * @CsqReleaseLock: releases it
 * @CsqCompleteCanceledIrp: completes an IRP cancelled while queued
 *
 * Return: STATUS_SUCCESS.
 */
NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp,
			       PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
			       PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
			       PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
			       PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
			       PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
	return wdm_csq_init(Csq, IO_TYPE_CSQ, CsqInsertIrp, CsqRemoveIrp,
			    CsqPeekNextIrp, CsqAcquireLock, CsqReleaseLock,
			    CsqCompleteCanceledIrp);
}
EXPORT_SYMBOL_WDM(IoCsqInitialize);

/**
 * IoCsqInitializeEx() - set up a cancel-safe queue whose insert routine
 * can refuse an IRP
 * @Csq: the queue
 * @CsqInsertIrp: inserts an IRP, or returns an error status to refuse it
 * @CsqRemoveIrp: removes an IRP from the driver's queue
 * @CsqPeekNextIrp: the IRP after Irp (the first if NULL) matching the
 *	PeekContext, or NULL
 * @CsqAcquireLock: takes the driver's queue lock
 * @CsqReleaseLock: releases it
 * @CsqCompleteCanceledIrp: completes an IRP cancelled while queued
 *
 * Return: STATUS_SUCCESS.
 */
NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
				 PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
				 PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
				 PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
				 PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
				 PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
	return wdm_csq_init(Csq, IO_TYPE_CSQ_EX, CsqInsertIrp, CsqRemoveIrp,
			    CsqPeekNextIrp, CsqAcquireLock, CsqReleaseLock,
			    CsqCompleteCanceledIrp);
}
EXPORT_SYMBOL_WDM(IoCsqInitializeEx);

/*
 * The work of IoCsqInsertIrpEx(), which runs it with exceptions stopped:
 * the driver's callbacks run under its lock, with the IRP half queued.
 */
static NTSTATUS wdm_csq_insert(PIO_CSQ Csq, PIRP Irp,
			       PIO_CSQ_IRP_CONTEXT Context, PVOID InsertContext)
{
	NTSTATUS status = STATUS_SUCCESS;
	KIRQL irql;

	Csq->CsqAcquireLock(Csq, &irql);
	if (Csq->Type == IO_TYPE_CSQ_EX)
		status = ((PIO_CSQ_INSERT_IRP_EX)(PVOID)Csq->CsqInsertIrp)(Csq, Irp,
								   InsertContext);
	else
		Csq->CsqInsertIrp(Csq, Irp);
	if (!NT_SUCCESS(status)) {
		Csq->CsqReleaseLock(Csq, irql);
		return status;
	}
	IoMarkIrpPending(Irp);
	if (Context) {
		Context->Type = IO_TYPE_CSQ_IRP_CONTEXT;
		Context->Irp = Irp;
		Context->Csq = Csq;
		Irp->Tail.Overlay.DriverContext[3] = Context;
	} else {
		Irp->Tail.Overlay.DriverContext[3] = Csq;
	}
	IoSetCancelRoutine(Irp, wdm_csq_cancel);
	/* Cancelled before its cancel routine was set: nobody else will. */
	if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL)) {
		Csq->CsqRemoveIrp(Csq, Irp);
		if (Context)
			Context->Irp = NULL;
		Irp->Tail.Overlay.DriverContext[3] = NULL;
		Csq->CsqReleaseLock(Csq, irql);
		Csq->CsqCompleteCanceledIrp(Csq, Irp);
		return status;
	}
	Csq->CsqReleaseLock(Csq, irql);
	return status;
}

/**
 * IoCsqInsertIrpEx() - queue an IRP, cancellably
 * @Csq: the queue
 * @Irp: the IRP; it is marked pending once queued
 * @Context: NULL, or a context through which IoCsqRemoveIrp() can take
 *	this IRP back
 * @InsertContext: passed to an IoCsqInitializeEx() insert routine
 *
 * An IRP already cancelled is queued, then at once removed and given to
 * CsqCompleteCanceledIrp.
 *
 * Return: STATUS_SUCCESS, or the insert routine's error (the IRP is then
 * not queued).
 */
NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp,
				PIO_CSQ_IRP_CONTEXT Context,
				PVOID InsertContext)
{
	struct wdm_seh_frame barrier;
	NTSTATUS status;

	wdm_seh_barrier_push(&barrier);
	status = wdm_csq_insert(Csq, Irp, Context, InsertContext);
	wdm_seh_barrier_pop(&barrier);
	return status;
}
EXPORT_SYMBOL_WDM(IoCsqInsertIrpEx);

/**
 * IoCsqInsertIrp() - queue an IRP, cancellably
 * @Csq: the queue
 * @Irp: the IRP; it is marked pending
 * @Context: NULL, or a context for IoCsqRemoveIrp()
 */
VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
	IoCsqInsertIrpEx(Csq, Irp, Context, NULL);
}
EXPORT_SYMBOL_WDM(IoCsqInsertIrp);

/**
 * IoCsqRemoveIrp() - take back the IRP inserted with a context
 * @Csq: the queue
 * @Context: the context given to IoCsqInsertIrp(Ex)
 *
 * Return: the IRP, now the caller's; NULL if it is no longer queued
 * (removed, or being cancelled: its cancel routine completes it).
 */
PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context)
{
	struct wdm_seh_frame barrier;
	PIRP irp;
	KIRQL irql;

	wdm_seh_barrier_push(&barrier);
	Csq->CsqAcquireLock(Csq, &irql);
	irp = Context->Irp;
	if (irp) {
		if (IoSetCancelRoutine(irp, NULL)) {
			Csq->CsqRemoveIrp(Csq, irp);
			Context->Irp = NULL;
			irp->Tail.Overlay.DriverContext[3] = NULL;
		} else {
			irp = NULL;
		}
	}
	Csq->CsqReleaseLock(Csq, irql);
	wdm_seh_barrier_pop(&barrier);
	return irp;
}
EXPORT_SYMBOL_WDM(IoCsqRemoveIrp);

/**
 * IoCsqRemoveNextIrp() - take the first queued IRP matching a context
 * @Csq: the queue
 * @PeekContext: passed to CsqPeekNextIrp (NULL: any IRP)
 *
 * IRPs being cancelled are skipped.
 *
 * Return: the IRP, now the caller's, or NULL if none.
 */
PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext)
{
	struct wdm_seh_frame barrier;
	PIO_CSQ_IRP_CONTEXT ctx;
	PIRP irp;
	KIRQL irql;

	wdm_seh_barrier_push(&barrier);
	Csq->CsqAcquireLock(Csq, &irql);
	irp = Csq->CsqPeekNextIrp(Csq, NULL, PeekContext);
	while (irp && !IoSetCancelRoutine(irp, NULL))
		irp = Csq->CsqPeekNextIrp(Csq, irp, PeekContext);
	if (irp) {
		Csq->CsqRemoveIrp(Csq, irp);
		wdm_csq_of(irp, &ctx);
		if (ctx)
			ctx->Irp = NULL;
		irp->Tail.Overlay.DriverContext[3] = NULL;
	}
	Csq->CsqReleaseLock(Csq, irql);
	wdm_seh_barrier_pop(&barrier);
	return irp;
}
EXPORT_SYMBOL_WDM(IoCsqRemoveNextIrp);
