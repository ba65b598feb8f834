// SPDX-License-Identifier: GPL-2.0
/*
 * libwdmio.c - Win32-style calls over wdmshim's char-device ABI
 * (uapi/wdmshim.h): WDM_IOCTL_CALL for device I/O control, read(2) and
 * write(2) plus WDM_IOCTL_LAST_STATUS for their NTSTATUS.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <uapi/wdmshim.h>
#include "libwdmio.h"

static __thread NTSTATUS last_status;
static __thread ULONG64 last_information;

NTSTATUS wdm_last_status(void)
{
	return last_status;
}

ULONG64 wdm_last_information(void)
{
	return last_information;
}

int wdm_open(const char *link, int flags)
{
	char path[256];

	if (snprintf(path, sizeof(path), "/dev/%s", link) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, flags);
}

int wdm_call(int fd, uint32_t code, uint64_t in_addr, uint32_t in_len,
	     uint64_t out_addr, uint32_t out_len, int32_t *status,
	     uint64_t *information)
{
	struct wdm_ioctl a;
	int ret, err;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.code = code;
	a.in = in_addr;
	a.in_len = in_len;
	a.out = out_addr;
	a.out_len = out_len;
	a.status = STATUS_PENDING;	/* must be overwritten */
	ret = ioctl(fd, WDM_IOCTL_CALL, &a);
	err = errno;
	last_status = a.status;
	last_information = a.information;
	if (status)
		*status = a.status;
	if (information)
		*information = a.information;
	errno = err;
	return ret;
}

int DeviceIoControl(int fd, ULONG code, const void *in, ULONG in_len,
		    void *out, ULONG out_len, ULONG *returned)
{
	ULONG64 info = 0;
	int ret;

	ret = wdm_call(fd, code, (uintptr_t)in, in_len, (uintptr_t)out, out_len,
		       NULL, &info);
	if (returned)
		*returned = info > 0xffffffffULL ? 0xffffffffU : (ULONG)info;
	return ret == 0;
}

/* Fetch the NTSTATUS of the file's last read or write. */
static void fetch_status(int fd)
{
	struct wdm_status st;
	int err = errno;

	memset(&st, 0, sizeof(st));
	if (ioctl(fd, WDM_IOCTL_LAST_STATUS, &st) == 0) {
		last_status = st.status;
		last_information = st.information;
	} else {
		last_status = STATUS_UNSUCCESSFUL;
		last_information = 0;
	}
	errno = err;
}

static int rw_done(int fd, ssize_t n, ULONG *done)
{
	fetch_status(fd);
	if (done)
		*done = n < 0 ? 0 : (ULONG)n;
	return n >= 0;
}

int ReadFile(int fd, void *buf, ULONG len, ULONG *done)
{
	return rw_done(fd, read(fd, buf, len), done);
}

int WriteFile(int fd, const void *buf, ULONG len, ULONG *done)
{
	return rw_done(fd, write(fd, buf, len), done);
}

int ReadFileAt(int fd, void *buf, ULONG len, off_t offset, ULONG *done)
{
	return rw_done(fd, pread(fd, buf, len, offset), done);
}

int WriteFileAt(int fd, const void *buf, ULONG len, off_t offset, ULONG *done)
{
	return rw_done(fd, pwrite(fd, buf, len, offset), done);
}

const char *wdm_status_name(NTSTATUS status)
{
	static const struct {
		NTSTATUS status;
		const char *name;
	} names[] = {
#define N(s) { s, #s }
		N(STATUS_SUCCESS), N(STATUS_PENDING), N(STATUS_UNSUCCESSFUL),
		N(STATUS_ACCESS_VIOLATION), N(STATUS_INVALID_PARAMETER),
		N(STATUS_NO_SUCH_DEVICE), N(STATUS_INVALID_DEVICE_REQUEST),
		N(STATUS_END_OF_FILE), N(STATUS_ACCESS_DENIED),
		N(STATUS_DISK_FULL), N(STATUS_INSUFFICIENT_RESOURCES),
		N(STATUS_CANCELLED), N(STATUS_BUFFER_TOO_SMALL), N(STATUS_NOT_FOUND),
		N(STATUS_DELETE_PENDING), N(STATUS_DATATYPE_MISALIGNMENT),
		N(STATUS_BUFFER_OVERFLOW), N(STATUS_INVALID_PARAMETER_1),
		N(STATUS_INVALID_BUFFER_SIZE),
#undef N
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].status == status)
			return names[i].name;
	return "STATUS_?";
}
