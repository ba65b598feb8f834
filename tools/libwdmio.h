/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libwdmio.h - Win32-style calls on the char devices of wdmshim's hosted
 * drivers, so that a ported Windows test tool keeps its shape:
 *
 *	int fd = wdm_open("WdmIoctl", O_RDWR);		// CreateFile(L"\\\\.\\WdmIoctl")
 *	ULONG got;
 *	if (!DeviceIoControl(fd, IOCTL_X, in, sizeof(in), out, sizeof(out), &got))
 *		printf("failed: errno %d, status 0x%08x\n", errno, wdm_last_status());
 *
 * DeviceIoControl, ReadFile and WriteFile return nonzero on success and 0
 * on failure, with errno set (the Linux view) and the request's NTSTATUS
 * kept for the calling thread: wdm_last_status(), wdm_last_information().
 *
 * Also the Windows names an ioctl interface header needs (CTL_CODE,
 * METHOD_*, FILE_*_ACCESS, FILE_DEVICE_UNKNOWN, ULONG...) and the NTSTATUS
 * values the tests check, with the WDK's values.
 */
#ifndef LIBWDMIO_H
#define LIBWDMIO_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

typedef uint8_t UCHAR;
typedef uint16_t USHORT;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef int64_t LONGLONG;
typedef uint64_t ULONG64;
typedef uint64_t ULONG_PTR;
typedef int32_t NTSTATUS;
typedef ULONG *PULONG;
typedef UCHAR *PUCHAR;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define FILE_DEVICE_UNKNOWN	0x00000022
#define METHOD_BUFFERED		0
#define METHOD_IN_DIRECT	1
#define METHOD_OUT_DIRECT	2
#define METHOD_NEITHER		3
#define FILE_ANY_ACCESS		0x0000
#define FILE_READ_ACCESS	0x0001
#define FILE_WRITE_ACCESS	0x0002
#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))

#define STATUS_SUCCESS			((NTSTATUS)0x00000000)
#define STATUS_DATATYPE_MISALIGNMENT	((NTSTATUS)0x80000002)
#define STATUS_BUFFER_OVERFLOW		((NTSTATUS)0x80000005)
#define STATUS_INVALID_PARAMETER_1	((NTSTATUS)0xC00000EF)
#define STATUS_INVALID_BUFFER_SIZE	((NTSTATUS)0xC0000206)
#define STATUS_PENDING			((NTSTATUS)0x00000103)
#define STATUS_UNSUCCESSFUL		((NTSTATUS)0xC0000001)
#define STATUS_ACCESS_VIOLATION		((NTSTATUS)0xC0000005)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000D)
#define STATUS_NO_SUCH_DEVICE		((NTSTATUS)0xC000000E)
#define STATUS_INVALID_DEVICE_REQUEST	((NTSTATUS)0xC0000010)
#define STATUS_END_OF_FILE		((NTSTATUS)0xC0000011)
#define STATUS_ACCESS_DENIED		((NTSTATUS)0xC0000022)
#define STATUS_DISK_FULL		((NTSTATUS)0xC000007F)
#define STATUS_INSUFFICIENT_RESOURCES	((NTSTATUS)0xC000009A)
#define STATUS_CANCELLED		((NTSTATUS)0xC0000120)
#define STATUS_BUFFER_TOO_SMALL		((NTSTATUS)0xC0000023)
#define STATUS_NOT_FOUND		((NTSTATUS)0xC0000225)
#define STATUS_DELETE_PENDING		((NTSTATUS)0xC0000056)

/* Open /dev/<link> (the \DosDevices\<link> of a hosted driver). */
int wdm_open(const char *link, int flags);

/* The NTSTATUS and Information of the calling thread's last call. */
NTSTATUS wdm_last_status(void);
ULONG64 wdm_last_information(void);

/*
 * Send a device I/O control request. *returned (if not NULL) receives
 * Information, clamped to ULONG.
 */
int DeviceIoControl(int fd, ULONG code, const void *in, ULONG in_len,
		    void *out, ULONG out_len, ULONG *returned);

/*
 * The same with raw buffer addresses (any value, e.g. a kernel address);
 * the NTSTATUS and Information are also stored through the last two
 * pointers unless NULL. Return: 0, or -1 with errno set.
 */
int wdm_call(int fd, uint32_t code, uint64_t in_addr, uint32_t in_len,
	     uint64_t out_addr, uint32_t out_len, int32_t *status,
	     uint64_t *information);

/* read(2)/write(2) at the file position; *done receives the byte count. */
int ReadFile(int fd, void *buf, ULONG len, ULONG *done);
int WriteFile(int fd, const void *buf, ULONG len, ULONG *done);

/* The same at a byte offset (pread/pwrite: the file position stays). */
int ReadFileAt(int fd, void *buf, ULONG len, off_t offset, ULONG *done);
int WriteFileAt(int fd, const void *buf, ULONG len, off_t offset, ULONG *done);

/* The name of an NTSTATUS the header defines, else "STATUS_?". */
const char *wdm_status_name(NTSTATUS status);

#endif /* LIBWDMIO_H */
