// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - wdmbench, a hosted WDM driver for make bench (not a sample):
 *
 * - two pass-through filter devices attached over \Device\WdmIoctl when
 *   it loads (samples/ioctl must be loaded first), so that a request to
 *   /dev/WdmIoctl crosses a 3-device stack;
 * - \Device\WdmBench (/dev/WdmBench), whose IOCTL_WDMBENCH_IRP allocates
 *   and frees IRPs in a loop: input { ULONG Count; ULONG StackSize; },
 *   output the nanoseconds in all (a LONGLONG); IOCTL_WDMBENCH_IRP_SIZE returns
 *   IoSizeOfIrp(StackSize) as a ULONG.
 */
#include <ntddk.h>
#include "bench_ioctl.h"

#define BENCH_FILTERS 2

static PDEVICE_OBJECT BenchDevice;
static PDEVICE_OBJECT BenchFilter[BENCH_FILTERS];
static PDEVICE_OBJECT BenchLower[BENCH_FILTERS];

DRIVER_INITIALIZE BenchEntry;
static DRIVER_DISPATCH BenchDispatch;
static DRIVER_UNLOAD BenchUnload;

static NTSTATUS BenchComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

/* Nanoseconds, from the interrupt time (100 ns units). */
static LONGLONG BenchNow(VOID)
{
	return (LONGLONG)KeQueryInterruptTime() * 100;
}

static NTSTATUS BenchIoctl(PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	PWDMBENCH_IRP in = Irp->AssociatedIrp.SystemBuffer;
	LONGLONG t0;
	ULONG i;
	PIRP irp;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(*in))
		return BenchComplete(Irp, STATUS_INVALID_PARAMETER, 0);
	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMBENCH_IRP:
		t0 = BenchNow();
		for (i = 0; i < in->Count; i++) {
			irp = IoAllocateIrp((CCHAR)in->StackSize, FALSE);
			if (!irp)
				return BenchComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
			IoFreeIrp(irp);
		}
		if (stack->Parameters.DeviceIoControl.OutputBufferLength < sizeof(LONGLONG))
			return BenchComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		*(PLONGLONG)Irp->AssociatedIrp.SystemBuffer = BenchNow() - t0;
		return BenchComplete(Irp, STATUS_SUCCESS, sizeof(LONGLONG));
	case IOCTL_WDMBENCH_IRP_SIZE:
		if (stack->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
			return BenchComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		*(PULONG)Irp->AssociatedIrp.SystemBuffer = IoSizeOfIrp((CCHAR)in->StackSize);
		return BenchComplete(Irp, STATUS_SUCCESS, sizeof(ULONG));
	default:
		return BenchComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
	}
}

static NTSTATUS BenchDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	int i;

	if (DeviceObject == BenchDevice) {
		if (stack->MajorFunction == IRP_MJ_DEVICE_CONTROL)
			return BenchIoctl(Irp);
		return BenchComplete(Irp, STATUS_SUCCESS, 0);
	}
	for (i = 0; i < BENCH_FILTERS; i++) {
		if (DeviceObject == BenchFilter[i]) {
			IoSkipCurrentIrpStackLocation(Irp);
			return IoCallDriver(BenchLower[i], Irp);
		}
	}
	return BenchComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
}

static VOID BenchUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(WDMBENCH_LINK_NAME);
	int i;

	UNREFERENCED_PARAMETER(DriverObject);
	IoDeleteSymbolicLink(&link);
	for (i = BENCH_FILTERS - 1; i >= 0; i--) {
		if (BenchFilter[i]) {
			IoDetachDevice(BenchLower[i]);
			IoDeleteDevice(BenchFilter[i]);
		}
	}
	IoDeleteDevice(BenchDevice);
}

NTSTATUS BenchEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(WDMBENCH_DEVICE_NAME);
	UNICODE_STRING link = RTL_CONSTANT_STRING(WDMBENCH_LINK_NAME);
	UNICODE_STRING target = RTL_CONSTANT_STRING(L"\\Device\\WdmIoctl");
	NTSTATUS status;
	ULONG i;

	UNREFERENCED_PARAMETER(RegistryPath);
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		DriverObject->MajorFunction[i] = BenchDispatch;
	DriverObject->DriverUnload = BenchUnload;
	status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE,
				&BenchDevice);
	if (!NT_SUCCESS(status))
		return status;
	BenchDevice->Flags |= DO_BUFFERED_IO;
	status = IoCreateSymbolicLink(&link, &name);
	if (!NT_SUCCESS(status))
		return status;
	for (i = 0; i < BENCH_FILTERS; i++) {
		status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0,
					FALSE, &BenchFilter[i]);
		if (!NT_SUCCESS(status))
			return status;
		BenchFilter[i]->Flags |= DO_BUFFERED_IO;
		BenchFilter[i]->Flags &= ~DO_DEVICE_INITIALIZING;
		status = IoAttachDevice(BenchFilter[i], &target, &BenchLower[i]);
		if (!NT_SUCCESS(status)) {
			IoDeleteDevice(BenchFilter[i]);
			BenchFilter[i] = NULL;
			return status;
		}
	}
	BenchDevice->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
