// SPDX-License-Identifier: GPL-2.0
/*
 * queue.c - WdmQueue, a sample WDM driver with a StartIo routine and a
 * cancel-safe queue (the interface: queue_ioctl.h).
 *
 * StartIo path: reads, writes and holds are queued with IoStartPacket,
 * sorted by key (a read or write's sector, a hold's input), and stay
 * cancellable while queued. StartIo takes one IRP at a time: for a read
 * or write it arms a timer of a few microseconds standing for the
 * device's work, and the timer's DPC completes the IRP and starts the
 * next one by key (IoStartNextPacketByKey: a one-way elevator). A hold
 * keeps the device busy until IOCTL_WDMQUEUE_RELEASE; a cancelable hold
 * can be cancelled while it is the current IRP. IRP_MJ_CLEANUP cancels
 * the closing file's queued IRPs. The driver counts how many StartIo
 * calls ever ran at once (it must be one).
 *
 * Cancel-safe-queue path: IOCTL_WDMQUEUE_CSQ_WAIT parks the IRP in an
 * IO_CSQ, IOCTL_WDMQUEUE_CSQ_SERVE completes the oldest parked IRPs.
 *
 * IOCTL_WDMQUEUE_DEFER queues a work item that takes a while; DriverUnload
 * says how many ran (all of them: the I/O manager waits for them).
 *
 * Plain WDM C: it builds with the WDK, with mingw-w64's DDK headers and,
 * hosted by wdmshim, on Linux (with module.c, the one line of glue).
 */
#include <ntddk.h>
#include "queue_ioctl.h"

#define WDMQUEUE_TAG 'uQdW'

typedef struct _WDMQUEUE_EXTENSION {
	KTIMER Timer;		/* the simulated operation */
	KDPC TimerDpc;		/* completes it */
	LONG InStartIo;
	ULONG CurrentKey;	/* key of the IRP StartIo last took */
	PIRP HeldIrp;		/* a hold in StartIo's hands (cancel lock) */
	ULONG History[WDMQUEUE_HISTORY];
	IO_CSQ Csq;		/* the cancel-safe queue ... */
	LIST_ENTRY CsqList;	/* ... its IRPs ... */
	KSPIN_LOCK CsqLock;	/* ... and its lock */
	WDMQUEUE_STATS Stats;	/* updated with Interlocked* */
} WDMQUEUE_EXTENSION, *PWDMQUEUE_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WdmQueueUnload;
DRIVER_DISPATCH WdmQueueCreateClose;
DRIVER_DISPATCH WdmQueueCleanup;
DRIVER_DISPATCH WdmQueueReadWrite;
DRIVER_DISPATCH WdmQueueDeviceControl;
DRIVER_STARTIO WdmQueueStartIo;
DRIVER_CANCEL WdmQueueCancel;
KDEFERRED_ROUTINE WdmQueueTimerDpc;
IO_WORKITEM_ROUTINE WdmQueueDeferredWork;
/* The cancel-safe queue's callbacks (IO_CSQ_INSERT_IRP & co.). */
VOID NTAPI WdmCsqInsert(PIO_CSQ Csq, PIRP Irp);
VOID NTAPI WdmCsqRemove(PIO_CSQ Csq, PIRP Irp);
PIRP NTAPI WdmCsqPeekNext(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext);
VOID NTAPI WdmCsqAcquireLock(PIO_CSQ Csq, PKIRQL Irql);
VOID NTAPI WdmCsqReleaseLock(PIO_CSQ Csq, KIRQL Irql);
VOID NTAPI WdmCsqCompleteCanceled(PIO_CSQ Csq, PIRP Irp);

static VOID WdmQueueComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

/* The sort key of an IRP of the StartIo path. */
static ULONG WdmQueueKeyOf(PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	if (stack->MajorFunction == IRP_MJ_DEVICE_CONTROL)
		return *(PULONG)Irp->AssociatedIrp.SystemBuffer;
	return (ULONG)(stack->Parameters.Read.ByteOffset.QuadPart / WDMQUEUE_SECTOR);
}

static BOOLEAN WdmQueueIsHold(PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG code = stack->Parameters.DeviceIoControl.IoControlCode;

	return stack->MajorFunction == IRP_MJ_DEVICE_CONTROL &&
	       (code == IOCTL_WDMQUEUE_HOLD || code == IOCTL_WDMQUEUE_HOLD_CANCELABLE);
}

NTSTATUS WdmQueueCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	WdmQueueComplete(Irp, STATUS_SUCCESS, 0);
	return STATUS_SUCCESS;
}

/*
 * A queued IRP is taken off the device queue and cancelled; a cancelable
 * hold that is the current IRP is cancelled and the next IRP started;
 * any other current IRP finishes its operation.
 */
VOID WdmQueueCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;

	if (KeRemoveEntryDeviceQueue(&DeviceObject->DeviceQueue,
				     &Irp->Tail.Overlay.DeviceQueueEntry)) {
		IoReleaseCancelSpinLock(Irp->CancelIrql);
		InterlockedDecrement((LONG *)&ext->Stats.Queued);
		InterlockedIncrement((LONG *)&ext->Stats.Cancelled);
		WdmQueueComplete(Irp, STATUS_CANCELLED, 0);
		return;
	}
	if (Irp == ext->HeldIrp) {
		ext->HeldIrp = NULL;
		IoReleaseCancelSpinLock(Irp->CancelIrql);
		InterlockedExchange((LONG *)&ext->Stats.Holding, 0);
		InterlockedIncrement((LONG *)&ext->Stats.CurrentCancelled);
		IoStartNextPacketByKey(DeviceObject, TRUE, ext->CurrentKey);
		WdmQueueComplete(Irp, STATUS_CANCELLED, 0);
		return;
	}
	IoReleaseCancelSpinLock(Irp->CancelIrql);
}

static NTSTATUS WdmQueueStart(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG Key)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;

	IoMarkIrpPending(Irp);
	InterlockedIncrement((LONG *)&ext->Stats.Queued);
	IoStartPacket(DeviceObject, Irp, &Key, WdmQueueCancel);
	return STATUS_PENDING;
}

NTSTATUS WdmQueueReadWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	return WdmQueueStart(DeviceObject, Irp, WdmQueueKeyOf(Irp));
}

VOID WdmQueueStartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	LARGE_INTEGER due;
	LONG now, max;
	KIRQL irql;

	now = InterlockedIncrement(&ext->InStartIo);
	do {
		max = ext->Stats.MaxInStartIo;
	} while (now > max &&
		 InterlockedCompareExchange((LONG *)&ext->Stats.MaxInStartIo,
					    now, max) != max);
	InterlockedDecrement((LONG *)&ext->Stats.Queued);
	ext->CurrentKey = WdmQueueKeyOf(Irp);
	ext->History[ext->Stats.Started % WDMQUEUE_HISTORY] = ext->CurrentKey;
	InterlockedIncrement((LONG *)&ext->Stats.Started);

	IoAcquireCancelSpinLock(&irql);
	if (Irp->Cancel) {
		/* Cancelled on its way here: its cancel routine left it to us. */
		IoSetCancelRoutine(Irp, NULL);
		IoReleaseCancelSpinLock(irql);
		InterlockedIncrement((LONG *)&ext->Stats.CurrentCancelled);
		IoStartNextPacketByKey(DeviceObject, TRUE, ext->CurrentKey);
		WdmQueueComplete(Irp, STATUS_CANCELLED, 0);
		InterlockedDecrement(&ext->InStartIo);
		return;
	}
	if (WdmQueueIsHold(Irp)) {
		/* Held until released (or, if cancelable, cancelled). */
		if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_WDMQUEUE_HOLD)
			IoSetCancelRoutine(Irp, NULL);
		ext->HeldIrp = Irp;
		InterlockedExchange((LONG *)&ext->Stats.Holding, 1);
		IoReleaseCancelSpinLock(irql);
		InterlockedDecrement(&ext->InStartIo);
		return;
	}
	/* From now on the IRP is the device's: no longer cancellable. */
	IoSetCancelRoutine(Irp, NULL);
	IoReleaseCancelSpinLock(irql);

	due.QuadPart = -20;	/* 2 us */
	KeSetTimer(&ext->Timer, due, &ext->TimerDpc);
	InterlockedDecrement(&ext->InStartIo);
}

VOID WdmQueueTimerDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
	PDEVICE_OBJECT DeviceObject = Context;
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PIRP Irp = DeviceObject->CurrentIrp;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG_PTR info = 0;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Arg1);
	UNREFERENCED_PARAMETER(Arg2);
	if (stack->MajorFunction == IRP_MJ_WRITE)
		info = stack->Parameters.Write.Length;
	InterlockedIncrement((LONG *)&ext->Stats.Completed);
	IoStartNextPacketByKey(DeviceObject, TRUE, ext->CurrentKey);
	WdmQueueComplete(Irp, STATUS_SUCCESS, info);
}

/* RELEASE: the held IRP completes (from the timer's DPC, as any other). */
static NTSTATUS WdmQueueRelease(PDEVICE_OBJECT DeviceObject)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	LARGE_INTEGER due;
	PIRP held;
	KIRQL irql;

	IoAcquireCancelSpinLock(&irql);
	held = ext->HeldIrp;
	ext->HeldIrp = NULL;
	if (held)
		IoSetCancelRoutine(held, NULL);
	IoReleaseCancelSpinLock(irql);
	if (!held)
		return STATUS_NOT_FOUND;
	InterlockedExchange((LONG *)&ext->Stats.Holding, 0);
	due.QuadPart = -20;
	KeSetTimer(&ext->Timer, due, &ext->TimerDpc);
	return STATUS_SUCCESS;
}

/*
 * CLEANUP: cancel the closing file's IRPs, queued or held. The cancel
 * lock keeps the device queue still: IoStartPacket, IoStartNextPacket
 * (cancelable) and the cancel routine all change it under that lock.
 */
NTSTATUS WdmQueueCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PFILE_OBJECT file = IoGetCurrentIrpStackLocation(Irp)->FileObject;
	PLIST_ENTRY head = &DeviceObject->DeviceQueue.DeviceListHead;
	PLIST_ENTRY entry, next;
	LIST_ENTRY cancelled;
	PIRP held = NULL, queued;
	KIRQL irql;

	InitializeListHead(&cancelled);
	IoAcquireCancelSpinLock(&irql);
	for (entry = head->Flink; entry != head; entry = next) {
		next = entry->Flink;
		queued = CONTAINING_RECORD(entry, IRP,
					   Tail.Overlay.DeviceQueueEntry.DeviceListEntry);
		if (IoGetCurrentIrpStackLocation(queued)->FileObject != file ||
		    !IoSetCancelRoutine(queued, NULL))
			continue;
		KeRemoveEntryDeviceQueue(&DeviceObject->DeviceQueue,
					 &queued->Tail.Overlay.DeviceQueueEntry);
		InsertTailList(&cancelled, &queued->Tail.Overlay.ListEntry);
	}
	if (ext->HeldIrp &&
	    IoGetCurrentIrpStackLocation(ext->HeldIrp)->FileObject == file) {
		held = ext->HeldIrp;
		ext->HeldIrp = NULL;
		IoSetCancelRoutine(held, NULL);
	}
	IoReleaseCancelSpinLock(irql);

	while (!IsListEmpty(&cancelled)) {
		entry = RemoveHeadList(&cancelled);
		queued = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		InterlockedDecrement((LONG *)&ext->Stats.Queued);
		InterlockedIncrement((LONG *)&ext->Stats.CleanupCancelled);
		WdmQueueComplete(queued, STATUS_CANCELLED, 0);
	}
	if (held) {
		InterlockedExchange((LONG *)&ext->Stats.Holding, 0);
		InterlockedIncrement((LONG *)&ext->Stats.CurrentCancelled);
		IoStartNextPacketByKey(DeviceObject, TRUE, ext->CurrentKey);
		WdmQueueComplete(held, STATUS_CANCELLED, 0);
	}
	/* The cancel-safe queue: its IRPs of this file. */
	while ((queued = IoCsqRemoveNextIrp(&ext->Csq, file)) != NULL) {
		InterlockedDecrement((LONG *)&ext->Stats.CsqPending);
		InterlockedIncrement((LONG *)&ext->Stats.CsqCancelled);
		WdmQueueComplete(queued, STATUS_CANCELLED, 0);
	}
	WdmQueueComplete(Irp, STATUS_SUCCESS, 0);
	return STATUS_SUCCESS;
}

/* --- the cancel-safe queue --------------------------------------------- */

VOID NTAPI WdmCsqInsert(PIO_CSQ Csq, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = CONTAINING_RECORD(Csq, WDMQUEUE_EXTENSION, Csq);

	InsertTailList(&ext->CsqList, &Irp->Tail.Overlay.ListEntry);
}

VOID NTAPI WdmCsqRemove(PIO_CSQ Csq, PIRP Irp)
{
	UNREFERENCED_PARAMETER(Csq);
	RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
}

/* The next IRP after Irp (or the first), of PeekContext's file if given. */
PIRP NTAPI WdmCsqPeekNext(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
	PWDMQUEUE_EXTENSION ext = CONTAINING_RECORD(Csq, WDMQUEUE_EXTENSION, Csq);
	PLIST_ENTRY entry = Irp ? Irp->Tail.Overlay.ListEntry.Flink : ext->CsqList.Flink;
	PIRP next;

	for (; entry != &ext->CsqList; entry = entry->Flink) {
		next = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		if (!PeekContext ||
		    IoGetCurrentIrpStackLocation(next)->FileObject == PeekContext)
			return next;
	}
	return NULL;
}

VOID NTAPI WdmCsqAcquireLock(PIO_CSQ Csq, PKIRQL Irql)
{
	PWDMQUEUE_EXTENSION ext = CONTAINING_RECORD(Csq, WDMQUEUE_EXTENSION, Csq);

	KeAcquireSpinLock(&ext->CsqLock, Irql);
}

VOID NTAPI WdmCsqReleaseLock(PIO_CSQ Csq, KIRQL Irql)
{
	PWDMQUEUE_EXTENSION ext = CONTAINING_RECORD(Csq, WDMQUEUE_EXTENSION, Csq);

	KeReleaseSpinLock(&ext->CsqLock, Irql);
}

VOID NTAPI WdmCsqCompleteCanceled(PIO_CSQ Csq, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = CONTAINING_RECORD(Csq, WDMQUEUE_EXTENSION, Csq);

	InterlockedDecrement((LONG *)&ext->Stats.CsqPending);
	InterlockedIncrement((LONG *)&ext->Stats.CsqCancelled);
	WdmQueueComplete(Irp, STATUS_CANCELLED, 0);
}

/* SERVE: complete up to *in of the oldest waiters; output their tags. */
static NTSTATUS WdmQueueServe(PWDMQUEUE_EXTENSION ext, PIRP Irp, ULONG InLength,
			      ULONG OutLength, ULONG_PTR *Information)
{
	PULONG buffer = Irp->AssociatedIrp.SystemBuffer;
	ULONG most, n = 0;
	PIRP waiter;

	if (InLength < sizeof(ULONG))
		return STATUS_INVALID_PARAMETER;
	most = buffer[0];
	if (most > OutLength / sizeof(ULONG))
		most = OutLength / sizeof(ULONG);
	while (n < most && (waiter = IoCsqRemoveNextIrp(&ext->Csq, NULL)) != NULL) {
		/* The waiter's own input, its tag, is its output. */
		buffer[n++] = *(PULONG)waiter->AssociatedIrp.SystemBuffer;
		InterlockedDecrement((LONG *)&ext->Stats.CsqPending);
		InterlockedIncrement((LONG *)&ext->Stats.CsqCompleted);
		WdmQueueComplete(waiter, STATUS_SUCCESS, sizeof(ULONG));
	}
	*Information = n * sizeof(ULONG);
	return STATUS_SUCCESS;
}

/* --- deferred work ------------------------------------------------------- */

VOID WdmQueueDeferredWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	LARGE_INTEGER delay;

	delay.QuadPart = -300 * 10000;	/* 300 ms of "work" */
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	InterlockedIncrement((LONG *)&ext->Stats.DeferredRan);
	IoFreeWorkItem((PIO_WORKITEM)Context);
}

static NTSTATUS WdmQueueDefer(PDEVICE_OBJECT DeviceObject)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_WORKITEM item = IoAllocateWorkItem(DeviceObject);

	if (!item)
		return STATUS_INSUFFICIENT_RESOURCES;
	InterlockedIncrement((LONG *)&ext->Stats.Deferred);
	IoQueueWorkItem(item, WdmQueueDeferredWork, DelayedWorkQueue, item);
	return STATUS_SUCCESS;
}

NTSTATUS WdmQueueDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG inLength = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = stack->Parameters.DeviceIoControl.OutputBufferLength;
	NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
	ULONG_PTR info = 0;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMQUEUE_STATS:
		if (outLength < sizeof(WDMQUEUE_STATS)) {
			status = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
			      sizeof(WDMQUEUE_STATS));
		info = sizeof(WDMQUEUE_STATS);
		status = STATUS_SUCCESS;
		break;
	case IOCTL_WDMQUEUE_HISTORY:
		if (outLength < sizeof(WDMQUEUE_HISTORY_OUT)) {
			status = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		((PWDMQUEUE_HISTORY_OUT)Irp->AssociatedIrp.SystemBuffer)->Count =
			ext->Stats.Started;
		RtlCopyMemory(((PWDMQUEUE_HISTORY_OUT)Irp->AssociatedIrp.SystemBuffer)->Keys,
			      ext->History, sizeof(ext->History));
		info = sizeof(WDMQUEUE_HISTORY_OUT);
		status = STATUS_SUCCESS;
		break;
	case IOCTL_WDMQUEUE_HOLD:
	case IOCTL_WDMQUEUE_HOLD_CANCELABLE:
		if (inLength < sizeof(ULONG)) {
			status = STATUS_INVALID_PARAMETER;
			break;
		}
		return WdmQueueStart(DeviceObject, Irp, WdmQueueKeyOf(Irp));
	case IOCTL_WDMQUEUE_RELEASE:
		status = WdmQueueRelease(DeviceObject);
		break;
	case IOCTL_WDMQUEUE_CSQ_WAIT:
		if (inLength < sizeof(ULONG) || outLength < sizeof(ULONG)) {
			status = STATUS_INVALID_PARAMETER;
			break;
		}
		InterlockedIncrement((LONG *)&ext->Stats.CsqPending);
		IoMarkIrpPending(Irp);
		IoCsqInsertIrp(&ext->Csq, Irp, NULL);
		return STATUS_PENDING;
	case IOCTL_WDMQUEUE_CSQ_SERVE:
		status = WdmQueueServe(ext, Irp, inLength, outLength, &info);
		break;
	case IOCTL_WDMQUEUE_DEFER:
		status = WdmQueueDefer(DeviceObject);
		break;
	}
	WdmQueueComplete(Irp, status, info);
	return status;
}

VOID WdmQueueUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING linkName = RTL_CONSTANT_STRING(WDMQUEUE_LINK_NAME);
	PDEVICE_OBJECT dev = DriverObject->DeviceObject;
	PWDMQUEUE_EXTENSION ext = dev->DeviceExtension;

	PAGED_CODE();
	KdPrint(("WdmQueue: unload: %lu of %lu deferred work items ran\n",
		 ext->Stats.DeferredRan, ext->Stats.Deferred));
	IoDeleteSymbolicLink(&linkName);
	KeCancelTimer(&ext->Timer);
	KeFlushQueuedDpcs();
	IoDeleteDevice(dev);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING deviceName = RTL_CONSTANT_STRING(WDMQUEUE_DEVICE_NAME);
	UNICODE_STRING linkName = RTL_CONSTANT_STRING(WDMQUEUE_LINK_NAME);
	PDEVICE_OBJECT dev;
	PWDMQUEUE_EXTENSION ext;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->MajorFunction[IRP_MJ_CREATE] = WdmQueueCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = WdmQueueCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = WdmQueueCleanup;
	DriverObject->MajorFunction[IRP_MJ_READ] = WdmQueueReadWrite;
	DriverObject->MajorFunction[IRP_MJ_WRITE] = WdmQueueReadWrite;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WdmQueueDeviceControl;
	DriverObject->DriverStartIo = WdmQueueStartIo;
	DriverObject->DriverUnload = WdmQueueUnload;

	status = IoCreateDevice(DriverObject, sizeof(WDMQUEUE_EXTENSION),
				&deviceName, FILE_DEVICE_UNKNOWN,
				FILE_DEVICE_SECURE_OPEN, FALSE, &dev);
	if (!NT_SUCCESS(status))
		return status;
	ext = dev->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	KeInitializeTimer(&ext->Timer);
	KeInitializeDpc(&ext->TimerDpc, WdmQueueTimerDpc, dev);
	InitializeListHead(&ext->CsqList);
	KeInitializeSpinLock(&ext->CsqLock);
	status = IoCsqInitialize(&ext->Csq, WdmCsqInsert, WdmCsqRemove,
				 WdmCsqPeekNext, WdmCsqAcquireLock,
				 WdmCsqReleaseLock, WdmCsqCompleteCanceled);
	if (NT_SUCCESS(status))
		status = IoCreateSymbolicLink(&linkName, &deviceName);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(dev);
		return status;
	}
	dev->Flags |= DO_BUFFERED_IO;
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
