/* SPDX-License-Identifier: GPL-2.0 */
/* bench_ioctl.h - the interface of wdmbench (tools/benchdrv/bench.c). */
#ifndef WDMBENCH_IOCTL_H
#define WDMBENCH_IOCTL_H

#define WDMBENCH_DEVICE_NAME	L"\\Device\\WdmBench"
#define WDMBENCH_LINK_NAME	L"\\DosDevices\\WdmBench"
#define WDMBENCH_DOS_NAME	"WdmBench"

#define IOCTL_WDMBENCH_IRP \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WDMBENCH_IRP_SIZE \
	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _WDMBENCH_IRP {
	ULONG Count;
	ULONG StackSize;
} WDMBENCH_IRP, *PWDMBENCH_IRP;

#endif /* WDMBENCH_IOCTL_H */
