// SPDX-License-Identifier: GPL-2.0
/*
 * filter.c - WdmEduFilter, a PnP upper filter for the WdmEdu stack, named
 * in edu.inf's UpperFilters: its AddDevice attaches over the function
 * driver's device. It passes every request down unchanged, counting them
 * by kind, and answers IOCTL_WDMEDUFILTER_STATS itself - so a caller can
 * see that its requests went through the filter.
 *
 * Plain WDM C: it builds with the WDK, with mingw-w64's DDK headers and,
 * hosted by wdmshim, on Linux (with module.c, the one line of glue).
 */
#include <ntddk.h>
#include "../edu/edu_ioctl.h"

typedef struct _FILTER_EXTENSION {
	PDEVICE_OBJECT Self;
	PDEVICE_OBJECT Lower;
	IO_REMOVE_LOCK RemoveLock;
	WDMEDUFILTER_STATS Stats;
} FILTER_EXTENSION, *PFILTER_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_ADD_DEVICE FilterAddDevice;
DRIVER_UNLOAD FilterUnload;
DRIVER_DISPATCH FilterPass;
DRIVER_DISPATCH FilterDeviceControl;
DRIVER_DISPATCH FilterPnp;
DRIVER_DISPATCH FilterPower;

/* Pass an IRP down as it is, holding the remove lock while we do. */
static NTSTATUS FilterForward(PFILTER_EXTENSION ext, PIRP Irp)
{
	NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);

	if (!NT_SUCCESS(status)) {
		Irp->IoStatus.Status = status;
		Irp->IoStatus.Information = 0;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		return status;
	}
	IoSkipCurrentIrpStackLocation(Irp);
	status = IoCallDriver(ext->Lower, Irp);
	IoReleaseRemoveLock(&ext->RemoveLock, Irp);
	return status;
}

NTSTATUS FilterPass(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILTER_EXTENSION ext = DeviceObject->DeviceExtension;

	switch (IoGetCurrentIrpStackLocation(Irp)->MajorFunction) {
	case IRP_MJ_CREATE:
		InterlockedIncrement((PLONG)&ext->Stats.Creates);
		break;
	case IRP_MJ_READ:
		InterlockedIncrement((PLONG)&ext->Stats.Reads);
		break;
	case IRP_MJ_WRITE:
		InterlockedIncrement((PLONG)&ext->Stats.Writes);
		break;
	default:
		break;
	}
	return FilterForward(ext, Irp);
}

NTSTATUS FilterDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILTER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	if (stack->Parameters.DeviceIoControl.IoControlCode != IOCTL_WDMEDUFILTER_STATS) {
		InterlockedIncrement((PLONG)&ext->Stats.DeviceControls);
		return FilterForward(ext, Irp);
	}
	if (stack->Parameters.DeviceIoControl.OutputBufferLength < sizeof(WDMEDUFILTER_STATS)) {
		Irp->IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
		Irp->IoStatus.Information = 0;
	} else {
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
			      sizeof(WDMEDUFILTER_STATS));
		Irp->IoStatus.Status = STATUS_SUCCESS;
		Irp->IoStatus.Information = sizeof(WDMEDUFILTER_STATS);
	}
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

NTSTATUS FilterPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILTER_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	NTSTATUS status;

	InterlockedIncrement((PLONG)&ext->Stats.Pnp);
	if (stack->MinorFunction != IRP_MN_REMOVE_DEVICE)
		return FilterForward(ext, Irp);
	status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
	if (!NT_SUCCESS(status)) {
		Irp->IoStatus.Status = status;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		return status;
	}
	IoReleaseRemoveLockAndWait(&ext->RemoveLock, Irp);
	IoSkipCurrentIrpStackLocation(Irp);
	status = IoCallDriver(ext->Lower, Irp);
	IoDetachDevice(ext->Lower);
	IoDeleteDevice(ext->Self);
	return status;
}

NTSTATUS FilterPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILTER_EXTENSION ext = DeviceObject->DeviceExtension;

	InterlockedIncrement((PLONG)&ext->Stats.Power);
	PoStartNextPowerIrp(Irp);
	IoSkipCurrentIrpStackLocation(Irp);
	return PoCallDriver(ext->Lower, Irp);
}

NTSTATUS FilterAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject)
{
	PDEVICE_OBJECT filter;
	PFILTER_EXTENSION ext;
	NTSTATUS status;

	PAGED_CODE();
	status = IoCreateDevice(DriverObject, sizeof(FILTER_EXTENSION), NULL,
				FILE_DEVICE_UNKNOWN, 0, FALSE, &filter);
	if (!NT_SUCCESS(status))
		return status;
	ext = filter->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	ext->Self = filter;
	IoInitializeRemoveLock(&ext->RemoveLock, 'lFdW', 0, 0);
	ext->Lower = IoAttachDeviceToDeviceStack(filter, PhysicalDeviceObject);
	if (!ext->Lower) {
		IoDeleteDevice(filter);
		return STATUS_NO_SUCH_DEVICE;
	}
	/* Look like the device below to whoever sends requests. */
	filter->DeviceType = ext->Lower->DeviceType;
	filter->Characteristics = ext->Lower->Characteristics;
	filter->Flags |= ext->Lower->Flags &
			 (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
	filter->Flags &= ~DO_DEVICE_INITIALIZING;
	KdPrint(("WdmEduFilter: attached\n"));
	return STATUS_SUCCESS;
}

VOID FilterUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	PAGED_CODE();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	ULONG i;

	UNREFERENCED_PARAMETER(RegistryPath);
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		DriverObject->MajorFunction[i] = FilterPass;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = FilterDeviceControl;
	DriverObject->MajorFunction[IRP_MJ_PNP] = FilterPnp;
	DriverObject->MajorFunction[IRP_MJ_POWER] = FilterPower;
	DriverObject->DriverExtension->AddDevice = FilterAddDevice;
	DriverObject->DriverUnload = FilterUnload;
	return STATUS_SUCCESS;
}
