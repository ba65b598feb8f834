// SPDX-License-Identifier: GPL-2.0
/*
 * queue.c - WdmQueue, a sample WDM driver with a StartIo routine.
 *
 * Reads and writes are queued with IoStartPacket (cancellable while
 * queued); StartIo takes one IRP at a time, arms a timer of a few
 * microseconds standing for the device's work, and the timer's DPC
 * completes the IRP and calls IoStartNextPacket. The driver counts how
 * many StartIo calls ever ran at once (it must be one).
 *
 * Plain WDM C: it builds with the WDK, with mingw-w64's DDK headers and,
 * hosted by wdmshim, on Linux (with module.c, the one line of glue).
 */
#include <ntddk.h>
#include "queue_ioctl.h"

typedef struct _WDMQUEUE_EXTENSION {
	KTIMER Timer;		/* the simulated operation */
	KDPC TimerDpc;		/* completes it */
	LONG InStartIo;
	WDMQUEUE_STATS Stats;	/* updated with Interlocked* */
} WDMQUEUE_EXTENSION, *PWDMQUEUE_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WdmQueueUnload;
DRIVER_DISPATCH WdmQueueCreateClose;
DRIVER_DISPATCH WdmQueueReadWrite;
DRIVER_DISPATCH WdmQueueDeviceControl;
DRIVER_STARTIO WdmQueueStartIo;
DRIVER_CANCEL WdmQueueCancel;
KDEFERRED_ROUTINE WdmQueueTimerDpc;

NTSTATUS WdmQueueCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	Irp->IoStatus.Information = 0;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

/* A queued IRP is cancelled; the current one finishes its operation. */
VOID WdmQueueCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;

	if (KeRemoveEntryDeviceQueue(&DeviceObject->DeviceQueue,
				     &Irp->Tail.Overlay.DeviceQueueEntry)) {
		IoReleaseCancelSpinLock(Irp->CancelIrql);
		InterlockedIncrement((LONG *)&ext->Stats.Cancelled);
		Irp->IoStatus.Status = STATUS_CANCELLED;
		Irp->IoStatus.Information = 0;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		return;
	}
	IoReleaseCancelSpinLock(Irp->CancelIrql);
}

NTSTATUS WdmQueueReadWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	IoMarkIrpPending(Irp);
	IoStartPacket(DeviceObject, Irp, NULL, WdmQueueCancel);
	return STATUS_PENDING;
}

VOID WdmQueueStartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	LARGE_INTEGER due;
	LONG now, max;
	KIRQL irql;

	now = InterlockedIncrement(&ext->InStartIo);
	do {
		max = ext->Stats.MaxInStartIo;
	} while (now > max &&
		 InterlockedCompareExchange((LONG *)&ext->Stats.MaxInStartIo,
					    now, max) != max);
	InterlockedIncrement((LONG *)&ext->Stats.Started);

	/* From now on the IRP is the device's: no longer cancellable. */
	IoAcquireCancelSpinLock(&irql);
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

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Arg1);
	UNREFERENCED_PARAMETER(Arg2);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	Irp->IoStatus.Information = stack->MajorFunction == IRP_MJ_READ ?
				    0 : stack->Parameters.Write.Length;
	InterlockedIncrement((LONG *)&ext->Stats.Completed);
	IoStartNextPacket(DeviceObject, TRUE);
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

NTSTATUS WdmQueueDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMQUEUE_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
	ULONG_PTR info = 0;

	if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_WDMQUEUE_STATS) {
		if (stack->Parameters.DeviceIoControl.OutputBufferLength <
		    sizeof(WDMQUEUE_STATS)) {
			status = STATUS_BUFFER_TOO_SMALL;
		} else {
			RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
				      sizeof(WDMQUEUE_STATS));
			info = sizeof(WDMQUEUE_STATS);
			status = STATUS_SUCCESS;
		}
	}
	Irp->IoStatus.Status = status;
	Irp->IoStatus.Information = info;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return status;
}

VOID WdmQueueUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING linkName = RTL_CONSTANT_STRING(WDMQUEUE_LINK_NAME);
	PDEVICE_OBJECT dev = DriverObject->DeviceObject;
	PWDMQUEUE_EXTENSION ext = dev->DeviceExtension;

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
	status = IoCreateSymbolicLink(&linkName, &deviceName);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(dev);
		return status;
	}
	dev->Flags |= DO_BUFFERED_IO;
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
