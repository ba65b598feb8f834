/* SPDX-License-Identifier: GPL-2.0 */
/*
 * queue_ioctl.h - the interface of the WdmQueue sample driver, shared by
 * the driver (kernel, WDK or wdmshim headers) and its user-space callers.
 *
 * Include it after <ntddk.h> (drivers) or after tools/libwdmio.h.
 *
 * Device \Device\WdmQueue, symbolic link \DosDevices\WdmQueue (/dev/WdmQueue
 * under wdmshim).
 *
 * StartIo path. Reads, writes and IOCTL_WDMQUEUE_HOLD(_CANCELABLE) go
 * through IoStartPacket, sorted by key: a read or write's key is its
 * sector (byte offset / WDMQUEUE_SECTOR), a hold's key is its ULONG input.
 * After each IRP the next one is the first queued with a key >= the key
 * of the one just done, wrapping to the lowest (a one-way elevator).
 * StartIo arms a short timer whose DPC completes a read or write
 * (Information: the length written, 0 for reads) and starts the next IRP.
 * A hold stays in StartIo's hands - the device busy - until
 * IOCTL_WDMQUEUE_RELEASE lets it complete with STATUS_SUCCESS; a
 * cancelable hold can also be cancelled while it is the current IRP.
 * Queued IRPs can always be cancelled; IRP_MJ_CLEANUP cancels the queued
 * IRPs (and a held one) of the file being closed.
 *
 * Cancel-safe-queue path. IOCTL_WDMQUEUE_CSQ_WAIT (input: a ULONG tag)
 * waits in a cancel-safe queue; IOCTL_WDMQUEUE_CSQ_SERVE (input: the most
 * to complete, a ULONG) completes the oldest waiters, each with its own
 * tag as output, and returns the tags it completed, in order.
 */
#ifndef WDMQUEUE_IOCTL_H
#define WDMQUEUE_IOCTL_H

#define WDMQUEUE_DEVICE_NAME	L"\\Device\\WdmQueue"
#define WDMQUEUE_LINK_NAME	L"\\DosDevices\\WdmQueue"
#define WDMQUEUE_DOS_NAME	"WdmQueue"

#define WDMQUEUE_SECTOR		512
#define WDMQUEUE_HISTORY	64	/* keys remembered */
#define WDMQUEUE_SERVE_MAX	64	/* waiters one SERVE completes */

#define IOCTL_WDMQUEUE_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_HOLD \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_HOLD_CANCELABLE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_RELEASE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x903, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_HISTORY \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x904, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_CSQ_WAIT \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x905, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_CSQ_SERVE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x906, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMQUEUE_DEFER \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x907, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMQUEUE_STATS {
	ULONG Started;		/* StartIo calls */
	ULONG Completed;	/* IRPs completed by the timer's DPC */
	ULONG Cancelled;	/* queued IRPs cancelled by their cancel routine */
	ULONG MaxInStartIo;	/* most StartIo calls at once (must be 1) */
	ULONG Queued;		/* IRPs in the device queue now */
	ULONG Holding;		/* 1 while a hold is the current IRP */
	ULONG CurrentCancelled;	/* current IRPs (holds) cancelled */
	ULONG CleanupCancelled;	/* queued IRPs cancelled by IRP_MJ_CLEANUP */
	ULONG CsqPending;	/* IRPs in the cancel-safe queue now */
	ULONG CsqCompleted;	/* completed by CSQ_SERVE */
	ULONG CsqCancelled;	/* cancelled (signal or cleanup) */
	ULONG Deferred;		/* DEFER work items queued */
	ULONG DeferredRan;	/* DEFER work items that ran */
} WDMQUEUE_STATS, *PWDMQUEUE_STATS;

/* IOCTL_WDMQUEUE_HISTORY: the keys of the latest StartIo calls. */
typedef struct _WDMQUEUE_HISTORY_OUT {
	ULONG Count;			/* StartIo calls so far */
	ULONG Keys[WDMQUEUE_HISTORY];	/* Keys[i % WDMQUEUE_HISTORY]: call i */
} WDMQUEUE_HISTORY_OUT, *PWDMQUEUE_HISTORY_OUT;

#endif /* WDMQUEUE_IOCTL_H */
