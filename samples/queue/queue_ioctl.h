/* SPDX-License-Identifier: GPL-2.0 */
/*
 * queue_ioctl.h - the interface of the WdmQueue sample driver, shared by
 * the driver (kernel, WDK or wdmshim headers) and its user-space callers.
 *
 * Include it after <ntddk.h> (drivers) or after tools/libwdmio.h.
 *
 * Device \Device\WdmQueue, symbolic link \DosDevices\WdmQueue (/dev/WdmQueue
 * under wdmshim). Reads and writes go through IoStartPacket; StartIo arms
 * a short timer whose DPC completes the IRP (Information: its length) and
 * starts the next one. IOCTL_WDMQUEUE_STATS returns WDMQUEUE_STATS.
 */
#ifndef WDMQUEUE_IOCTL_H
#define WDMQUEUE_IOCTL_H

#define WDMQUEUE_DEVICE_NAME	L"\\Device\\WdmQueue"
#define WDMQUEUE_LINK_NAME	L"\\DosDevices\\WdmQueue"
#define WDMQUEUE_DOS_NAME	"WdmQueue"

#define IOCTL_WDMQUEUE_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMQUEUE_STATS {
	ULONG Started;		/* StartIo calls */
	ULONG Completed;	/* IRPs completed by the timer's DPC */
	ULONG Cancelled;	/* queued IRPs cancelled */
	ULONG MaxInStartIo;	/* most StartIo calls at once (must be 1) */
} WDMQUEUE_STATS, *PWDMQUEUE_STATS;

#endif /* WDMQUEUE_IOCTL_H */
