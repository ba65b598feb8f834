// SPDX-License-Identifier: GPL-2.0
/*
 * failentry.c - wdmfailentry: a hosted driver whose DriverEntry fails
 * half way, after creating a device and a symbolic link, without undoing
 * them. Loading it must fail with the errno of its status (ENXIO) and
 * leave neither the device nor /dev/WdmFailEntry behind.
 */
#include <ntddk.h>

DRIVER_INITIALIZE fail_entry;

NTSTATUS fail_entry(PDRIVER_OBJECT drv, PUNICODE_STRING reg)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\WdmFailEntry");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WdmFailEntry");
	PDEVICE_OBJECT dev;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(reg);
	status = IoCreateDevice(drv, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
	if (!NT_SUCCESS(status))
		return STATUS_UNSUCCESSFUL;
	status = IoCreateSymbolicLink(&link, &name);
	if (!NT_SUCCESS(status))
		return STATUS_UNSUCCESSFUL;
	/* Half way: fail, leaving the device and the link to the I/O manager. */
	return STATUS_NO_SUCH_DEVICE;
}
