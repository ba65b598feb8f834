/* SPDX-License-Identifier: GPL-2.0 */
/*
 * testdrv_ioctl.h - the interface of wdmtestdrv, a hosted test driver
 * that breaks I/O manager rules on purpose so the tests can check that
 * wdmshim reports them and protects the caller. Include after <ntddk.h>
 * or tools/libwdmio.h.
 *
 * Device \Device\WdmTest, link \DosDevices\WdmTest (/dev/WdmTest),
 * buffered I/O (DO_BUFFERED_IO):
 * - read at offset 0 pends until cancelled (a signal, or IRP_MJ_CLEANUP);
 *   read at another offset fills the buffer with 0xCD and sets
 *   Information 8 bytes beyond it;
 * - write succeeds with Information 100 bytes beyond the buffer.
 */
#ifndef WDMTEST_IOCTL_H
#define WDMTEST_IOCTL_H

#define WDMTEST_DOS_NAME	"WdmTest"
#define WDMTEST_READ_FILL	0xCD
#define WDMTEST_READ_EXTRA	8
#define WDMTEST_WRITE_EXTRA	100

/*
 * Fills the first half of the output with 0xAB, leaves the rest as the
 * I/O manager gave it, and sets Information 16 bytes beyond the output.
 */
#define IOCTL_WDMTEST_INFO_TOO_BIG \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define WDMTEST_INFO_FILL	0xAB
#define WDMTEST_INFO_EXTRA	16

/* Completes the IRP (STATUS_SUCCESS) and then completes it again. */
#define IOCTL_WDMTEST_DOUBLE_COMPLETE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA01, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Keeps the IRP and returns STATUS_SUCCESS without completing it. */
#define IOCTL_WDMTEST_NO_COMPLETE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA02, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Keeps the IRP, pending, with no cancel routine: cancelling cannot end it. */
#define IOCTL_WDMTEST_HOLD \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA03, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * Completes every IRP kept by NO_COMPLETE or HOLD (STATUS_CANCELLED if
 * cancelled, else STATUS_SUCCESS); returns how many as a ULONG.
 */
#define IOCTL_WDMTEST_RELEASE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA04, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* A WDMTEST_STATE. */
#define IOCTL_WDMTEST_QUERY \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA05, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * Sets a timer (due in 1 s, with a DPC) and queues a DPC, both in a pool
 * block, then frees the block with the timer still set and the DPC still
 * queued: wdmshim cancels both, and reports them.
 */
#define IOCTL_WDMTEST_FREE_TIMER \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA06, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * Sets a timer of the driver's own (global data, due in 60 s, with a DPC)
 * that its DriverUnload never cancels: wdmshim cancels it at unload.
 */
#define IOCTL_WDMTEST_TIMER_AT_UNLOAD \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA07, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMTEST_STATE {
	ULONG PendingReads;
	ULONG Kept;		/* IRPs kept by NO_COMPLETE and HOLD */
	ULONG ReadsCancelled;
	ULONG Released;
} WDMTEST_STATE, *PWDMTEST_STATE;

#endif /* WDMTEST_IOCTL_H */
