/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdktest_ioctl.h - the interface of wdmwdktest (tools/wdktest), a driver
 * written in the WDK's dialect (SAL, #pragma alloc_text, try/except,
 * ntstrsafe, IoCreateDeviceSecure). Include after <ntddk.h> or
 * tools/libwdmio.h.
 *
 * Devices and links (/dev nodes), each with its IoCreateDeviceSecure SDDL:
 *	\Device\WdkTest		/dev/WdkTest		..._WORLD_RW_RES_R: 0666
 *	\Device\WdkTestAdmin	/dev/WdkTestAdmin	..._SYS_ALL_ADM_ALL: 0600
 *	\Device\WdkTestKernel	/dev/WdkTestKernel	KERNEL_ONLY: no open
 *				(devtmpfs makes a mode-0 node 0600)
 */
#ifndef WDKTEST_IOCTL_H
#define WDKTEST_IOCTL_H

#define WDKTEST_DOS_NAME	"WdkTest"
#define WDKTEST_ADMIN_NAME	"WdkTestAdmin"
#define WDKTEST_KERNEL_NAME	"WdkTestKernel"

/*
 * METHOD_NEITHER: sums WDKTEST_SUM_INPUT.Values (Type3InputBuffer, read
 * through a locked MDL after ProbeForRead) and writes "sum=S count=N" to
 * the output buffer (ProbeForWrite, locked MDL) with RtlStringCbPrintfExA;
 * Information is the string's length. Everything happens inside
 * try/except: a bad buffer ends in the except block, whose status
 * (STATUS_ACCESS_VIOLATION, STATUS_DATATYPE_MISALIGNMENT, or what the
 * driver raised: STATUS_BUFFER_TOO_SMALL for less than the header or an
 * empty output, STATUS_INVALID_PARAMETER for a wrong magic,
 * STATUS_INVALID_BUFFER_SIZE for more values than the buffer holds) the
 * request fails with. A too-small output gives STATUS_BUFFER_OVERFLOW
 * and the truncated, NUL-terminated string.
 */
#define IOCTL_WDKTEST_SUM \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_NEITHER, FILE_ANY_ACCESS)
/* The same without ProbeForRead/ProbeForWrite: MmProbeAndLockPages raises. */
#define IOCTL_WDKTEST_SUM_LOCK_ONLY \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_NEITHER, FILE_ANY_ACCESS)

#define WDKTEST_MAGIC	0x5744544bU	/* "WDTK" */

typedef struct _WDKTEST_SUM_INPUT {
	ULONG Magic;
	ULONG Count;
	ULONG Values[];
} WDKTEST_SUM_INPUT;

/*
 * METHOD_BUFFERED, input WDKTEST_RAISE_INPUT: raises Code Depth calls
 * deep inside two nested try blocks. The inner filter takes error codes
 * (the request fails with Code); the outer takes the rest (the request
 * fails with STATUS_UNSUCCESSFUL). Both pass a finally block on the way.
 */
#define IOCTL_WDKTEST_RAISE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDKTEST_RAISE_INPUT {
	LONG Code;
	ULONG Depth;
} WDKTEST_RAISE_INPUT;

/*
 * METHOD_BUFFERED, output ULONG: ExRaiseStatus(STATUS_INVALID_PARAMETER_1)
 * outside any try block. wdmshim reports it and the call returns; the
 * request then succeeds, the output set to 1.
 */
#define IOCTL_WDKTEST_UNHANDLED \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x903, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* METHOD_BUFFERED, output WDKTEST_STATS. */
#define IOCTL_WDKTEST_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x904, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDKTEST_STATS {
	ULONG Requests;		/* device control requests */
	ULONG Exceptions;	/* except blocks entered */
	LONG LastException;	/* GetExceptionCode() in the last one */
	ULONG Finally;		/* finally blocks run */
	ULONG AbnormalFinally;	/* of which AbnormalTermination() */
	ULONG OuterExceptions;	/* IOCTL_WDKTEST_RAISE: outer handler */
} WDKTEST_STATS;

/*
 * METHOD_BUFFERED: a wide description of the device, formatted with
 * RtlUnicodeStringPrintf and copied with RtlStringCbCopyUnicodeString:
 * "WdkTest \Device\WdkTest: N requests, M exceptions". Information is its
 * size with the NUL; a short output gives STATUS_BUFFER_OVERFLOW and a
 * truncated, NUL-terminated string.
 */
#define IOCTL_WDKTEST_DESCRIBE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x905, METHOD_BUFFERED, FILE_ANY_ACCESS)

#endif /* WDKTEST_IOCTL_H */
