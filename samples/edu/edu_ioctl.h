/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edu_ioctl.h - the interface of WdmEdu, the WDM driver of QEMU's edu
 * device, shared by the driver (include after <ntddk.h>) and its callers
 * (after tools/libwdmio.h).
 *
 * The driver registers device interface GUID_DEVINTERFACE_WDMEDU for each
 * device; under wdmshim it appears as /dev/wdm/<WDMEDU_INTERFACE_GUID>/<PCI
 * device name>. Every request goes through StartIo, one at a time:
 *
 * IOCTL_WDMEDU_LIVENESS	in: ULONG v, out: ULONG, what the liveness
 *				register reads back after v is written (~v)
 * IOCTL_WDMEDU_FACTORIAL	in: ULONG n, out: ULONG n! (32 bits, wrapping),
 *				computed by the device, which interrupts
 * IOCTL_WDMEDU_RAISE		in: ULONG bits, out: ULONG, the interrupt
 *				status the ISR saw after raising bits
 * IOCTL_WDMEDU_STATS		out: WDMEDU_STATS
 * read / write			DMA between the caller's buffer and the
 *				device's 4 KiB buffer at the file offset; the
 *				whole transfer must lie in bytes 0..4094 (QEMU
 *				7.2 cannot take more), else
 *				STATUS_INVALID_PARAMETER.
 */
#ifndef WDMEDU_IOCTL_H
#define WDMEDU_IOCTL_H

#define WDMEDU_INTERFACE_GUID	"4f6c0a2e-9b1d-4c7e-a3f5-1d2e3c4b5a69"
#ifdef DEFINE_GUID
DEFINE_GUID(GUID_DEVINTERFACE_WDMEDU, 0x4f6c0a2e, 0x9b1d, 0x4c7e,
	    0xa3, 0xf5, 0x1d, 0x2e, 0x3c, 0x4b, 0x5a, 0x69);
#endif

#define WDMEDU_BUFFER_SIZE	4096
#define WDMEDU_DMA_MAX		4095	/* the last byte is out of reach */

#define IOCTL_WDMEDU_LIVENESS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMEDU_FACTORIAL \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMEDU_RAISE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMEDU_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMEDU_STATS {
	ULONG Interrupts;	/* ISR calls that claimed the interrupt */
	ULONG Unclaimed;	/* ISR calls with nothing pending (shared line) */
	ULONG Dpcs;
	ULONG Factorials;
	ULONG DmaTransfers;	/* device DMA operations (one per element) */
	ULONG DmaBytes;
	ULONG MessageSignaled;	/* 1: connected with MSI, 0: INTx */
	ULONG MaxInStartIo;	/* most StartIo calls at once (must be 1) */
	ULONG Rejected;		/* transfers refused as out of range */
	ULONG Failed;		/* IRPs failed because the device went */
} WDMEDU_STATS, *PWDMEDU_STATS;

/* The upper filter (samples/edu/filter.c) answers this one itself. */
#define IOCTL_WDMEDUFILTER_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x880, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMEDUFILTER_STATS {
	ULONG Creates;
	ULONG Reads;
	ULONG Writes;
	ULONG DeviceControls;	/* passed down (its own not counted) */
	ULONG Pnp;
	ULONG Power;
} WDMEDUFILTER_STATS, *PWDMEDUFILTER_STATS;

#endif /* WDMEDU_IOCTL_H */
