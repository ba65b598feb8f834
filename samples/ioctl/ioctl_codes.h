/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioctl_codes.h - the interface of the WdmIoctl sample driver, shared by
 * the driver (kernel, WDK or wdmshim headers) and its user-space callers.
 *
 * Include it after <ntddk.h> (drivers) or after a header that defines
 * CTL_CODE, the METHOD_* and FILE_*_ACCESS values, FILE_DEVICE_UNKNOWN and
 * ULONG (user space: tools/libwdmio.h).
 *
 * Device \Device\WdmIoctl, symbolic link \DosDevices\WdmIoctl (/dev/WdmIoctl
 * under wdmshim). Direct I/O (DO_DIRECT_IO) for read and write.
 *
 * Read and write work on one store of WDMIOCTL_STORE_SIZE bytes shared by
 * every open file, like a small file: a write of N bytes at byte offset O
 * (the file position) stores min(N, WDMIOCTL_STORE_SIZE - O) bytes there
 * and extends the data to O + that many bytes (a gap reads as zeros); a
 * write at or beyond WDMIOCTL_STORE_SIZE fails with STATUS_DISK_FULL. A
 * read of N bytes at offset O returns min(N, data length - O) bytes, or
 * STATUS_END_OF_FILE at or beyond the end of the data (read(2) returns 0).
 * Length 0 always succeeds with 0 bytes.
 */
#ifndef WDMIOCTL_IOCTL_CODES_H
#define WDMIOCTL_IOCTL_CODES_H

#define WDMIOCTL_DEVICE_NAME	L"\\Device\\WdmIoctl"
#define WDMIOCTL_LINK_NAME	L"\\DosDevices\\WdmIoctl"
#define WDMIOCTL_DOS_NAME	"WdmIoctl"

#define WDMIOCTL_STORE_SIZE	10000
#define WDMIOCTL_NEITHER_MAX	65536

/*
 * METHOD_BUFFERED: the output is the input in reverse byte order.
 * Needs OutputBufferLength >= InputBufferLength (else
 * STATUS_BUFFER_TOO_SMALL); Information = InputBufferLength.
 */
#define IOCTL_WDMIOCTL_ECHO \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * METHOD_IN_DIRECT: the FNV-1a hash (32 bits) of the OutputBufferLength
 * bytes the MDL describes, returned as Information. The optional input
 * (0 or 4 bytes, else STATUS_INVALID_PARAMETER) replaces the hash's
 * offset basis, WDMIOCTL_FNV_BASIS.
 */
#define IOCTL_WDMIOCTL_CHECKSUM \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_IN_DIRECT, FILE_ANY_ACCESS)
#define WDMIOCTL_FNV_BASIS	0x811c9dc5U
#define WDMIOCTL_FNV_PRIME	0x01000193U

/*
 * METHOD_OUT_DIRECT: fills the output buffer (an MDL) with the pattern
 * byte[i] = Seed + i (mod 256), Seed being the first input byte (input
 * of at least 1 byte, else STATUS_INVALID_PARAMETER). Information =
 * OutputBufferLength.
 */
#define IOCTL_WDMIOCTL_FILL \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)

/*
 * METHOD_NEITHER: writes the bitwise complement of the input to the
 * output, both the caller's own buffers, reached through MDLs. Input at
 * most WDMIOCTL_NEITHER_MAX bytes (else STATUS_INVALID_PARAMETER), output
 * at least as long (else STATUS_BUFFER_TOO_SMALL); a buffer that cannot
 * be locked fails with STATUS_ACCESS_VIOLATION. Information = input length.
 */
#define IOCTL_WDMIOCTL_INVERT \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_NEITHER, FILE_ANY_ACCESS)

/*
 * METHOD_BUFFERED: pends until an IOCTL_WDMIOCTL_SIGNAL (any file)
 * completes it with STATUS_SUCCESS and, given a ULONG of output, the
 * signal's value (Information 4, else 0). Cancelling it (a signal to the
 * waiting thread, IRP_MJ_CLEANUP of its file) completes it with
 * STATUS_CANCELLED.
 */
#define IOCTL_WDMIOCTL_WAIT \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x804, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * METHOD_BUFFERED: completes every pending IOCTL_WDMIOCTL_WAIT with the
 * input ULONG (at least 4 bytes, else STATUS_INVALID_PARAMETER); returns
 * how many it completed as a ULONG if there is room (Information 4).
 */
#define IOCTL_WDMIOCTL_SIGNAL \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x805, METHOD_BUFFERED, FILE_ANY_ACCESS)

/*
 * METHOD_BUFFERED, FILE_READ_ACCESS: the driver's counters, a
 * WDMIOCTL_STATS (output of at least its size, else
 * STATUS_BUFFER_TOO_SMALL).
 */
#define IOCTL_WDMIOCTL_STATS \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x806, METHOD_BUFFERED, FILE_READ_ACCESS)

/* METHOD_BUFFERED, FILE_WRITE_ACCESS: empties the store. */
#define IOCTL_WDMIOCTL_RESET \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x807, METHOD_BUFFERED, FILE_WRITE_ACCESS)

/*
 * METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS: truncates the
 * data to the input ULONG (not above the current length, else
 * STATUS_INVALID_PARAMETER); returns the previous length as a ULONG if
 * there is room.
 */
#define IOCTL_WDMIOCTL_TRUNCATE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x808, METHOD_BUFFERED, \
		 FILE_READ_ACCESS | FILE_WRITE_ACCESS)

typedef struct _WDMIOCTL_STATS {
	ULONG Layers;		/* 1, plus 1 per filter that counted itself in */
	ULONG Creates;
	ULONG Cleanups;
	ULONG Closes;
	ULONG OpenFiles;
	ULONG Reads;
	ULONG Writes;
	ULONG Ioctls;
	ULONG FileIoctls;	/* ioctls on the caller's file, this one included */
	ULONG WaitsPending;
	ULONG WaitsSignalled;
	ULONG WaitsCancelled;
	ULONG DataLength;
	ULONG Reserved;
} WDMIOCTL_STATS, *PWDMIOCTL_STATS;

#endif /* WDMIOCTL_IOCTL_CODES_H */
