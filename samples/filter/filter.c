// SPDX-License-Identifier: GPL-2.0
/*
 * filter.c - WdmFilter, an upper filter over the WdmIoctl sample's device.
 *
 * DriverEntry finds \Device\WdmIoctl with IoGetDeviceObjectPointer and
 * attaches an unnamed device over its stack; DriverUnload detaches and
 * deletes it, then lets the file object go. The filter keeps that file
 * object (and so WdmIoctl loaded) while it is attached: unload the filter
 * first.
 *
 * Requests pass down two ways:
 * - unseen: IoSkipCurrentIrpStackLocation + IoCallDriver;
 * - watched (reads, IOCTL_WDMIOCTL_WAIT, IOCTL_WDMIOCTL_STATS):
 *   IoCopyCurrentIrpStackLocationToNext + a completion routine, which
 *   counts what the reads returned, counts how waits ended, and raises
 *   WDMIOCTL_STATS.Layers: a result changed on its way up. The routine
 *   propagates the pending state (Irp->PendingReturned -> IoMarkIrpPending)
 *   since it returns STATUS_CONTINUE_COMPLETION.
 * IOCTL_WDMFILTER_STATS is answered here and never goes down.
 */
#include <ntddk.h>
#include "../ioctl/ioctl_codes.h"
#include "filter_ioctl.h"

typedef struct _WDMFILTER_EXTENSION {
	PDEVICE_OBJECT LowerDevice;	/* what we are attached to */
	PFILE_OBJECT TargetFile;	/* from IoGetDeviceObjectPointer */
	WDMFILTER_STATS Stats;		/* updated with Interlocked* */
} WDMFILTER_EXTENSION, *PWDMFILTER_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WdmFilterUnload;
DRIVER_DISPATCH WdmFilterPass;
DRIVER_DISPATCH WdmFilterRead;
DRIVER_DISPATCH WdmFilterDeviceControl;
IO_COMPLETION_ROUTINE WdmFilterReadComplete;
IO_COMPLETION_ROUTINE WdmFilterIoctlComplete;

/* Pass a request down unseen. */
NTSTATUS WdmFilterPass(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMFILTER_EXTENSION ext = DeviceObject->DeviceExtension;

	InterlockedIncrement((LONG volatile *)&ext->Stats.Passed);
	IoSkipCurrentIrpStackLocation(Irp);
	return IoCallDriver(ext->LowerDevice, Irp);
}

NTSTATUS WdmFilterReadComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp,
			       PVOID Context)
{
	PWDMFILTER_EXTENSION ext = Context;

	UNREFERENCED_PARAMETER(DeviceObject);

	if (Irp->PendingReturned) {
		IoMarkIrpPending(Irp);
		InterlockedIncrement((LONG volatile *)&ext->Stats.PendingReturned);
	}
	InterlockedIncrement((LONG volatile *)&ext->Stats.Reads);
	if (NT_SUCCESS(Irp->IoStatus.Status))
		InterlockedExchangeAdd((LONG volatile *)&ext->Stats.ReadBytes,
				       (LONG)Irp->IoStatus.Information);
	return STATUS_CONTINUE_COMPLETION;
}

/* Reads: pass down with a completion routine that counts the bytes. */
NTSTATUS WdmFilterRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMFILTER_EXTENSION ext = DeviceObject->DeviceExtension;

	IoCopyCurrentIrpStackLocationToNext(Irp);
	IoSetCompletionRoutine(Irp, WdmFilterReadComplete, ext, TRUE, TRUE, TRUE);
	return IoCallDriver(ext->LowerDevice, Irp);
}

NTSTATUS WdmFilterIoctlComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp,
				PVOID Context)
{
	PWDMFILTER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	PWDMIOCTL_STATS stats;

	UNREFERENCED_PARAMETER(Context);

	if (Irp->PendingReturned) {
		IoMarkIrpPending(Irp);
		InterlockedIncrement((LONG volatile *)&ext->Stats.PendingReturned);
	}
	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMIOCTL_WAIT:
		if (Irp->IoStatus.Status == STATUS_CANCELLED)
			InterlockedIncrement((LONG volatile *)&ext->Stats.WaitsCancelled);
		else if (NT_SUCCESS(Irp->IoStatus.Status))
			InterlockedIncrement((LONG volatile *)&ext->Stats.WaitsCompleted);
		break;
	case IOCTL_WDMIOCTL_STATS:
		if (NT_SUCCESS(Irp->IoStatus.Status) &&
		    Irp->IoStatus.Information >= sizeof(WDMIOCTL_STATS)) {
			stats = Irp->AssociatedIrp.SystemBuffer;
			stats->Layers++;
		}
		break;
	}
	return STATUS_CONTINUE_COMPLETION;
}

NTSTATUS WdmFilterDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMFILTER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	NTSTATUS status;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMFILTER_STATS:
		if (stack->Parameters.DeviceIoControl.OutputBufferLength <
		    sizeof(WDMFILTER_STATS)) {
			Irp->IoStatus.Information = 0;
			status = STATUS_BUFFER_TOO_SMALL;
		} else {
			RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
				      sizeof(WDMFILTER_STATS));
			Irp->IoStatus.Information = sizeof(WDMFILTER_STATS);
			status = STATUS_SUCCESS;
		}
		Irp->IoStatus.Status = status;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		return status;
	case IOCTL_WDMIOCTL_WAIT:
	case IOCTL_WDMIOCTL_STATS:
		IoCopyCurrentIrpStackLocationToNext(Irp);
		IoSetCompletionRoutine(Irp, WdmFilterIoctlComplete, NULL,
				       TRUE, TRUE, TRUE);
		return IoCallDriver(ext->LowerDevice, Irp);
	default:
		return WdmFilterPass(DeviceObject, Irp);
	}
}

VOID WdmFilterUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT filterDevice = DriverObject->DeviceObject;
	PWDMFILTER_EXTENSION ext;
	PFILE_OBJECT targetFile;

	PAGED_CODE();

	if (filterDevice == NULL)
		return;
	ext = filterDevice->DeviceExtension;
	targetFile = ext->TargetFile;
	IoDetachDevice(ext->LowerDevice);
	IoDeleteDevice(filterDevice);
	ObDereferenceObject(targetFile);
	KdPrint(("WdmFilter: detached\n"));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING targetName = RTL_CONSTANT_STRING(WDMIOCTL_DEVICE_NAME);
	PDEVICE_OBJECT filterDevice, targetDevice;
	PFILE_OBJECT targetFile;
	PWDMFILTER_EXTENSION ext;
	NTSTATUS status;
	ULONG i;

	UNREFERENCED_PARAMETER(RegistryPath);

	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		DriverObject->MajorFunction[i] = WdmFilterPass;
	DriverObject->MajorFunction[IRP_MJ_READ] = WdmFilterRead;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WdmFilterDeviceControl;
	DriverObject->DriverUnload = WdmFilterUnload;

	status = IoGetDeviceObjectPointer(&targetName, FILE_READ_DATA,
					  &targetFile, &targetDevice);
	if (!NT_SUCCESS(status)) {
		KdPrint(("WdmFilter: %wZ not found: 0x%08X\n", &targetName, status));
		return status;
	}

	status = IoCreateDevice(DriverObject, sizeof(WDMFILTER_EXTENSION), NULL,
				targetDevice->DeviceType, 0, FALSE, &filterDevice);
	if (!NT_SUCCESS(status)) {
		ObDereferenceObject(targetFile);
		return status;
	}
	ext = filterDevice->DeviceExtension;
	ext->TargetFile = targetFile;

	/* Take on the buffering of the device below before requests arrive. */
	filterDevice->Flags |= targetDevice->Flags &
			       (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
	filterDevice->Characteristics |= targetDevice->Characteristics &
					 FILE_DEVICE_SECURE_OPEN;

	/* The Safe variant sets LowerDevice before any request can arrive. */
	status = IoAttachDeviceToDeviceStackSafe(filterDevice, targetDevice,
						 &ext->LowerDevice);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(filterDevice);
		ObDereferenceObject(targetFile);
		return status;
	}
	filterDevice->Flags &= ~DO_DEVICE_INITIALIZING;
	KdPrint(("WdmFilter: attached over %wZ\n", &targetName));
	return STATUS_SUCCESS;
}
