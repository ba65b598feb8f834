// SPDX-License-Identifier: GPL-2.0
/*
 * testdrv.c - wdmtestdrv: a hosted WDM driver that breaks the I/O
 * manager's rules on purpose (testdrv_ioctl.h). Test code, not a sample.
 */
#include <ntddk.h>
#include "testdrv_ioctl.h"

struct td_ext {
	KSPIN_LOCK lock;		/* protects the rest */
	LIST_ENTRY reads;		/* pending reads, cancellable */
	LIST_ENTRY kept;		/* IRPs kept by NO_COMPLETE and HOLD */
	WDMTEST_STATE state;
};

static DRIVER_DISPATCH td_create_close;
static DRIVER_DISPATCH td_cleanup;
static DRIVER_DISPATCH td_read;
static DRIVER_DISPATCH td_write;
static DRIVER_DISPATCH td_ioctl;
static DRIVER_CANCEL td_cancel_read;
static DRIVER_UNLOAD td_unload;
static KDEFERRED_ROUTINE td_dpc;
DRIVER_INITIALIZE td_entry;

#define TD_TAG ('tsTW')

/* TIMER_AT_UNLOAD's timer: set, never cancelled. */
static KTIMER td_forgotten_timer;
static KDPC td_forgotten_dpc;

struct td_timed {
	KTIMER timer;
	KDPC timer_dpc;
	KDPC dpc;
};

static NTSTATUS td_complete(PIRP irp, NTSTATUS status, ULONG_PTR info)
{
	irp->IoStatus.Status = status;
	irp->IoStatus.Information = info;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return status;
}

static NTSTATUS td_create_close(PDEVICE_OBJECT dev, PIRP irp)
{
	UNREFERENCED_PARAMETER(dev);
	return td_complete(irp, STATUS_SUCCESS, 0);
}

static PFILE_OBJECT td_file(PIRP irp)
{
	return IoGetCurrentIrpStackLocation(irp)->FileObject;
}

static void td_cancel_read(PDEVICE_OBJECT dev, PIRP irp)
{
	struct td_ext *ext = dev->DeviceExtension;
	KIRQL irql;

	IoReleaseCancelSpinLock(irp->CancelIrql);
	KeAcquireSpinLock(&ext->lock, &irql);
	RemoveEntryList(&irp->Tail.Overlay.ListEntry);
	ext->state.PendingReads--;
	ext->state.ReadsCancelled++;
	KeReleaseSpinLock(&ext->lock, irql);
	td_complete(irp, STATUS_CANCELLED, 0);
}

/*
 * Move the IRPs of @list that belong to @file (all if NULL) to @out;
 * reads only if their cancel routine could be taken back.
 */
static ULONG td_take(LIST_ENTRY *list, PFILE_OBJECT file, BOOLEAN cancellable,
		     LIST_ENTRY *out)
{
	LIST_ENTRY *e, *next;
	ULONG n = 0;
	PIRP irp;

	for (e = list->Flink; e != list; e = next) {
		next = e->Flink;
		irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
		if (file && td_file(irp) != file)
			continue;
		if (cancellable && !IoSetCancelRoutine(irp, NULL))
			continue;
		RemoveEntryList(e);
		InsertTailList(out, e);
		n++;
	}
	return n;
}

static void td_complete_all(LIST_ENTRY *list, NTSTATUS status)
{
	PIRP irp;

	while (!IsListEmpty(list)) {
		irp = CONTAINING_RECORD(RemoveHeadList(list), IRP,
					Tail.Overlay.ListEntry);
		td_complete(irp, irp->Cancel ? STATUS_CANCELLED : status, 0);
	}
}

static NTSTATUS td_cleanup(PDEVICE_OBJECT dev, PIRP irp)
{
	struct td_ext *ext = dev->DeviceExtension;
	LIST_ENTRY out;
	ULONG reads, kept;
	KIRQL irql;

	InitializeListHead(&out);
	KeAcquireSpinLock(&ext->lock, &irql);
	reads = td_take(&ext->reads, td_file(irp), TRUE, &out);
	ext->state.PendingReads -= reads;
	ext->state.ReadsCancelled += reads;
	kept = td_take(&ext->kept, td_file(irp), FALSE, &out);
	ext->state.Kept -= kept;
	KeReleaseSpinLock(&ext->lock, irql);
	td_complete_all(&out, STATUS_CANCELLED);
	return td_complete(irp, STATUS_SUCCESS, 0);
}

static NTSTATUS td_read(PDEVICE_OBJECT dev, PIRP irp)
{
	struct td_ext *ext = dev->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);
	ULONG len = stack->Parameters.Read.Length;
	KIRQL irql;

	if (stack->Parameters.Read.ByteOffset.QuadPart != 0) {
		RtlFillMemory(irp->AssociatedIrp.SystemBuffer, len, WDMTEST_READ_FILL);
		return td_complete(irp, STATUS_SUCCESS, len + WDMTEST_READ_EXTRA);
	}

	IoMarkIrpPending(irp);
	KeAcquireSpinLock(&ext->lock, &irql);
	InsertTailList(&ext->reads, &irp->Tail.Overlay.ListEntry);
	ext->state.PendingReads++;
	IoSetCancelRoutine(irp, td_cancel_read);
	if (irp->Cancel && IoSetCancelRoutine(irp, NULL)) {
		RemoveEntryList(&irp->Tail.Overlay.ListEntry);
		ext->state.PendingReads--;
		ext->state.ReadsCancelled++;
		KeReleaseSpinLock(&ext->lock, irql);
		td_complete(irp, STATUS_CANCELLED, 0);
		return STATUS_PENDING;
	}
	KeReleaseSpinLock(&ext->lock, irql);
	return STATUS_PENDING;
}

static NTSTATUS td_write(PDEVICE_OBJECT dev, PIRP irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);

	UNREFERENCED_PARAMETER(dev);
	return td_complete(irp, STATUS_SUCCESS,
			   stack->Parameters.Write.Length + WDMTEST_WRITE_EXTRA);
}

static void td_dpc(PKDPC dpc, PVOID ctx, PVOID arg1, PVOID arg2)
{
	UNREFERENCED_PARAMETER(dpc);
	UNREFERENCED_PARAMETER(ctx);
	UNREFERENCED_PARAMETER(arg1);
	UNREFERENCED_PARAMETER(arg2);
}

/* The rule broken on purpose: freeing a set timer and a queued DPC. */
static NTSTATUS td_free_timer(void)
{
	struct td_timed *t = ExAllocatePoolWithTag(NonPagedPool, sizeof(*t), TD_TAG);
	LARGE_INTEGER due;
	KIRQL irql;

	if (!t)
		return STATUS_INSUFFICIENT_RESOURCES;
	KeInitializeTimer(&t->timer);
	KeInitializeDpc(&t->timer_dpc, td_dpc, NULL);
	KeInitializeDpc(&t->dpc, td_dpc, NULL);
	due.QuadPart = -10000000;	/* 1 s */
	KeSetTimer(&t->timer, due, &t->timer_dpc);
	/* At DISPATCH_LEVEL the DPC cannot run before the block is freed. */
	KeRaiseIrql(DISPATCH_LEVEL, &irql);
	KeInsertQueueDpc(&t->dpc, NULL, NULL);
	ExFreePoolWithTag(t, TD_TAG);
	KeLowerIrql(irql);
	return STATUS_SUCCESS;
}

static void td_keep(struct td_ext *ext, PIRP irp)
{
	KIRQL irql;

	KeAcquireSpinLock(&ext->lock, &irql);
	InsertTailList(&ext->kept, &irp->Tail.Overlay.ListEntry);
	ext->state.Kept++;
	KeReleaseSpinLock(&ext->lock, irql);
}

static NTSTATUS td_ioctl(PDEVICE_OBJECT dev, PIRP irp)
{
	struct td_ext *ext = dev->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);
	ULONG out_len = stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR buf = irp->AssociatedIrp.SystemBuffer;
	LIST_ENTRY out;
	ULONG n;
	KIRQL irql;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMTEST_INFO_TOO_BIG:
		if (out_len)
			RtlFillMemory(buf, out_len / 2, WDMTEST_INFO_FILL);
		return td_complete(irp, STATUS_SUCCESS,
				   (ULONG_PTR)out_len + WDMTEST_INFO_EXTRA);
	case IOCTL_WDMTEST_DOUBLE_COMPLETE:
		td_complete(irp, STATUS_SUCCESS, 0);
		/* the rule broken on purpose: the IRP is no longer ours */
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		return STATUS_SUCCESS;
	case IOCTL_WDMTEST_NO_COMPLETE:
		td_keep(ext, irp);
		return STATUS_SUCCESS;
	case IOCTL_WDMTEST_HOLD:
		IoMarkIrpPending(irp);
		td_keep(ext, irp);
		return STATUS_PENDING;
	case IOCTL_WDMTEST_RELEASE:
		InitializeListHead(&out);
		KeAcquireSpinLock(&ext->lock, &irql);
		n = td_take(&ext->kept, NULL, FALSE, &out);
		ext->state.Kept -= n;
		ext->state.Released += n;
		KeReleaseSpinLock(&ext->lock, irql);
		td_complete_all(&out, STATUS_SUCCESS);
		if (out_len < sizeof(ULONG))
			return td_complete(irp, STATUS_SUCCESS, 0);
		*(PULONG)buf = n;
		return td_complete(irp, STATUS_SUCCESS, sizeof(ULONG));
	case IOCTL_WDMTEST_QUERY:
		if (out_len < sizeof(WDMTEST_STATE))
			return td_complete(irp, STATUS_BUFFER_TOO_SMALL, 0);
		KeAcquireSpinLock(&ext->lock, &irql);
		RtlCopyMemory(buf, &ext->state, sizeof(WDMTEST_STATE));
		KeReleaseSpinLock(&ext->lock, irql);
		return td_complete(irp, STATUS_SUCCESS, sizeof(WDMTEST_STATE));
	case IOCTL_WDMTEST_FREE_TIMER:
		return td_complete(irp, td_free_timer(), 0);
	case IOCTL_WDMTEST_TIMER_AT_UNLOAD: {
		LARGE_INTEGER due;

		due.QuadPart = -600000000;	/* 60 s */
		KeSetTimer(&td_forgotten_timer, due, &td_forgotten_dpc);
		return td_complete(irp, STATUS_SUCCESS, 0);
	}
	default:
		return td_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
	}
}

static void td_unload(PDRIVER_OBJECT drv)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WdmTest");

	IoDeleteSymbolicLink(&link);
	if (drv->DeviceObject)
		IoDeleteDevice(drv->DeviceObject);
}

NTSTATUS td_entry(PDRIVER_OBJECT drv, PUNICODE_STRING reg)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\WdmTest");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WdmTest");
	PDEVICE_OBJECT dev;
	struct td_ext *ext;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(reg);
	drv->MajorFunction[IRP_MJ_CREATE] = td_create_close;
	drv->MajorFunction[IRP_MJ_CLOSE] = td_create_close;
	drv->MajorFunction[IRP_MJ_CLEANUP] = td_cleanup;
	drv->MajorFunction[IRP_MJ_READ] = td_read;
	drv->MajorFunction[IRP_MJ_WRITE] = td_write;
	drv->MajorFunction[IRP_MJ_DEVICE_CONTROL] = td_ioctl;
	drv->DriverUnload = td_unload;

	status = IoCreateDevice(drv, sizeof(*ext), &name, FILE_DEVICE_UNKNOWN,
				0, FALSE, &dev);
	if (!NT_SUCCESS(status))
		return status;
	ext = dev->DeviceExtension;
	KeInitializeTimer(&td_forgotten_timer);
	KeInitializeDpc(&td_forgotten_dpc, td_dpc, NULL);
	KeInitializeSpinLock(&ext->lock);
	InitializeListHead(&ext->reads);
	InitializeListHead(&ext->kept);
	status = IoCreateSymbolicLink(&link, &name);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(dev);
		return status;
	}
	dev->Flags |= DO_BUFFERED_IO;
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}
