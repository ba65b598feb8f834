// SPDX-License-Identifier: GPL-2.0
/*
 * io/object.c - object references on device, file and thread objects, and
 * IoGetDeviceObjectPointer (a driver's own file on another device).
 */
#include "io.h"

/**
 * ObReferenceObject() - take a reference on a device, file or thread object
 * @Object: a DEVICE_OBJECT, FILE_OBJECT or thread object
 */
VOID NTAPI ObReferenceObject(PVOID Object)
{
	CSHORT type = *(CSHORT *)Object;

	if (type == IO_TYPE_DEVICE)
		wdm_device_get(Object);
	else if (type == IO_TYPE_FILE)
		wdm_file_get(wdm_file_of(Object));
	else if (type == ThreadObject)
		wdm_thread_get(Object);
	else
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an object of type %d", __func__, type);
}
EXPORT_SYMBOL_WDM(ObReferenceObject);

/**
 * ObDereferenceObject() - drop a reference; a file object's last one
 * closes it (IRP_MJ_CLEANUP, IRP_MJ_CLOSE), a deleted device's or an
 * exited thread's frees it
 * @Object: a DEVICE_OBJECT, FILE_OBJECT or thread object
 */
VOID NTAPI ObDereferenceObject(PVOID Object)
{
	CSHORT type = *(CSHORT *)Object;

	if (type == IO_TYPE_DEVICE)
		wdm_device_put(Object);
	else if (type == IO_TYPE_FILE)
		wdm_file_put(wdm_file_of(Object));
	else if (type == ThreadObject)
		wdm_thread_put(Object);
	else
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an object of type %d", __func__, type);
}
EXPORT_SYMBOL_WDM(ObDereferenceObject);

/**
 * IoGetDeviceObjectPointer() - open a named device for a driver
 * @ObjectName: \Device\X
 * @DesiredAccess: access rights (FILE_READ_DATA 1, FILE_WRITE_DATA 2, ...)
 * @FileObject: receives the file object; ObDereferenceObject() closes it
 * @DeviceObject: receives the top of the named device's stack
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_NOT_FOUND, or the failure of
 * the IRP_MJ_CREATE sent to the device.
 */
NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName,
					ACCESS_MASK DesiredAccess,
					PFILE_OBJECT *FileObject,
					PDEVICE_OBJECT *DeviceObject)
{
	PDEVICE_OBJECT named;
	struct wdm_file *f;
	int err;

	might_sleep();
	named = wdm_find_device(ObjectName);
	if (!named)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	err = wdm_file_open(named, true, true, KernelMode, &f);
	if (err)
		return wdm_errno_to_ntstatus(err);
	*FileObject = &f->fo;
	*DeviceObject = f->top;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(IoGetDeviceObjectPointer);
