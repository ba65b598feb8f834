/* SPDX-License-Identifier: GPL-2.0 */
/*
 * filter_ioctl.h - the interface of the WdmFilter sample: an upper filter
 * over \Device\WdmIoctl. Include after <ntddk.h> or tools/libwdmio.h.
 *
 * Sent to /dev/WdmIoctl while the filter is attached, IOCTL_WDMFILTER_STATS
 * is answered by the filter itself (without it, the WdmIoctl driver fails
 * it with STATUS_INVALID_DEVICE_REQUEST). Every other request passes down
 * to WdmIoctl; the filter watches reads, IOCTL_WDMIOCTL_WAIT and
 * IOCTL_WDMIOCTL_STATS with completion routines (the last gets its
 * WDMIOCTL_STATS.Layers raised by one) and passes the rest unseen.
 */
#ifndef WDMFILTER_IOCTL_H
#define WDMFILTER_IOCTL_H

/* METHOD_BUFFERED: a WDMFILTER_STATS (output of at least its size). */
#define IOCTL_WDMFILTER_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMFILTER_STATS {
	ULONG Reads;		/* reads completed below, any status */
	ULONG ReadBytes;	/* bytes those reads returned */
	ULONG Passed;		/* requests passed down unseen (skipped) */
	ULONG WaitsCompleted;	/* IOCTL_WDMIOCTL_WAIT completed successfully */
	ULONG WaitsCancelled;	/* ... completed STATUS_CANCELLED */
	ULONG PendingReturned;	/* completions that saw Irp->PendingReturned */
} WDMFILTER_STATS, *PWDMFILTER_STATS;

#endif /* WDMFILTER_IOCTL_H */
