// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/status.c - the one place where NTSTATUS codes and Linux errnos are
 * translated into each other.
 */
#include <linux/errno.h>
#include "../wdm_internal.h"

static const struct {
	NTSTATUS status;
	int err;
} wdm_status_map[] = {
	{ STATUS_UNSUCCESSFUL,			EIO },
	{ STATUS_NOT_IMPLEMENTED,		EOPNOTSUPP },
	{ STATUS_NOT_SUPPORTED,			EOPNOTSUPP },
	{ STATUS_INVALID_DEVICE_REQUEST,	ENOTTY },
	{ STATUS_ILLEGAL_FUNCTION,		ENOTTY },
	{ STATUS_INVALID_PARAMETER,		EINVAL },
	{ STATUS_INVALID_PARAMETER_1,		EINVAL },
	{ STATUS_INVALID_PARAMETER_2,		EINVAL },
	{ STATUS_INVALID_PARAMETER_3,		EINVAL },
	{ STATUS_INVALID_PARAMETER_4,		EINVAL },
	{ STATUS_INVALID_PARAMETER_5,		EINVAL },
	{ STATUS_INVALID_PARAMETER_6,		EINVAL },
	{ STATUS_INVALID_PARAMETER_7,		EINVAL },
	{ STATUS_INVALID_PARAMETER_8,		EINVAL },
	{ STATUS_INVALID_PARAMETER_9,		EINVAL },
	{ STATUS_INVALID_PARAMETER_10,		EINVAL },
	{ STATUS_INVALID_PARAMETER_11,		EINVAL },
	{ STATUS_INVALID_PARAMETER_12,		EINVAL },
	{ STATUS_INVALID_BUFFER_SIZE,		EINVAL },
	{ STATUS_INFO_LENGTH_MISMATCH,		EINVAL },
	{ STATUS_INVALID_INFO_CLASS,		EINVAL },
	{ STATUS_INVALID_DEVICE_STATE,		EBUSY },
	{ STATUS_NO_MEMORY,			ENOMEM },
	{ STATUS_INSUFFICIENT_RESOURCES,	ENOMEM },
	{ STATUS_ACCESS_DENIED,			EACCES },
	{ STATUS_PRIVILEGE_NOT_HELD,		EPERM },
	{ STATUS_ACCESS_VIOLATION,		EFAULT },
	{ STATUS_INVALID_USER_BUFFER,		EFAULT },
	{ STATUS_DATATYPE_MISALIGNMENT,		EFAULT },
	{ STATUS_BUFFER_TOO_SMALL,		ENOBUFS },
	{ STATUS_BUFFER_OVERFLOW,		EOVERFLOW },
	{ STATUS_INTEGER_OVERFLOW,		EOVERFLOW },
	{ STATUS_CANCELLED,			ECANCELED },
	{ STATUS_REQUEST_ABORTED,		ECANCELED },
	{ STATUS_IO_TIMEOUT,			ETIMEDOUT },
	{ STATUS_DEVICE_BUSY,			EBUSY },
	{ STATUS_SHARING_VIOLATION,		EBUSY },
	{ STATUS_DEVICE_NOT_READY,		EAGAIN },
	{ STATUS_RETRY,				EAGAIN },
	{ STATUS_NO_SUCH_DEVICE,		ENXIO },
	{ STATUS_DEVICE_DOES_NOT_EXIST,		ENXIO },
	{ STATUS_DEVICE_NOT_CONNECTED,		ENODEV },
	{ STATUS_DEVICE_REMOVED,		ENODEV },
	{ STATUS_DELETE_PENDING,		ENODEV },
	{ STATUS_NO_SUCH_FILE,			ENOENT },
	{ STATUS_OBJECT_NAME_NOT_FOUND,		ENOENT },
	{ STATUS_OBJECT_PATH_NOT_FOUND,		ENOENT },
	{ STATUS_NOT_FOUND,			ENOENT },
	{ STATUS_OBJECT_NAME_COLLISION,		EEXIST },
	{ STATUS_OBJECT_NAME_INVALID,		EINVAL },
	{ STATUS_NAME_TOO_LONG,			ENAMETOOLONG },
	{ STATUS_INVALID_HANDLE,		EBADF },
	{ STATUS_FILE_CLOSED,			EBADF },
	{ STATUS_END_OF_FILE,			ENODATA },
	{ STATUS_NO_MORE_ENTRIES,		ENODATA },
	{ STATUS_NO_MORE_FILES,			ENODATA },
	{ STATUS_MEDIA_WRITE_PROTECTED,		EROFS },
	{ STATUS_DISK_FULL,			ENOSPC },
	{ STATUS_IO_DEVICE_ERROR,		EIO },
	{ STATUS_DEVICE_DATA_ERROR,		EIO },
	{ STATUS_DATA_ERROR,			EIO },
	{ STATUS_CRC_ERROR,			EIO },
	{ STATUS_UNEXPECTED_IO_ERROR,		EIO },
	{ STATUS_DEVICE_PROTOCOL_ERROR,		EPROTO },
	{ STATUS_TIMER_NOT_CANCELED,		EBUSY },
};

/**
 * wdm_ntstatus_to_errno() - the errno a syscall returns for @status
 * @status: an NTSTATUS
 *
 * Return: 0 for success and informational codes (NT_SUCCESS), else a
 * negative errno; a code without its own entry maps to -EIO.
 */
int wdm_ntstatus_to_errno(NTSTATUS status)
{
	size_t i;

	if (NT_SUCCESS(status))
		return 0;
	for (i = 0; i < ARRAY_SIZE(wdm_status_map); i++)
		if (wdm_status_map[i].status == status)
			return -wdm_status_map[i].err;
	return -EIO;
}
EXPORT_SYMBOL_WDM(wdm_ntstatus_to_errno);

/**
 * wdm_errno_to_ntstatus() - the NTSTATUS reported for a Linux error
 * @err: an errno, positive or negative; 0 is success
 *
 * Return: the first NTSTATUS mapped to @err, else STATUS_UNSUCCESSFUL.
 */
NTSTATUS wdm_errno_to_ntstatus(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	if (!err)
		return STATUS_SUCCESS;
	if (err == ENOMEM)
		return STATUS_INSUFFICIENT_RESOURCES;
	for (i = 0; i < ARRAY_SIZE(wdm_status_map); i++)
		if (wdm_status_map[i].err == err)
			return wdm_status_map[i].status;
	return STATUS_UNSUCCESSFUL;
}
EXPORT_SYMBOL_WDM(wdm_errno_to_ntstatus);
