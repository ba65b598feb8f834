// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl.c - WdmIoctl, a non-PnP WDM sample driver in the classic style.
 *
 * DriverEntry creates \Device\WdmIoctl and the symbolic link
 * \DosDevices\WdmIoctl; DriverUnload deletes both. The driver handles
 * create, cleanup, close, read, write and device control:
 *
 * - read and write use direct I/O on a store shared by all open files
 *   (offset semantics in ioctl_codes.h);
 * - one device control code per transfer method (ioctl_codes.h);
 * - IOCTL_WDMIOCTL_WAIT pends until IOCTL_WDMIOCTL_SIGNAL completes it;
 *   it is cancellable (cancel routine) and IRP_MJ_CLEANUP cancels the
 *   waits of the file being cleaned up.
 *
 * Plain WDM C: it builds with the WDK, with mingw-w64's DDK headers and,
 * hosted by wdmshim, on Linux (with module.c, the one line of glue).
 */
#include <ntddk.h>
#include "ioctl_codes.h"

#define WDMIOCTL_TAG 'coIW'	/* "WIoc" in pool dumps */

/* The device extension: all of the driver's state. */
typedef struct _WDMIOCTL_EXTENSION {
	KSPIN_LOCK Lock;	/* protects everything below */
	PUCHAR Store;		/* WDMIOCTL_STORE_SIZE bytes */
	ULONG DataLength;	/* bytes of Store in use */
	LIST_ENTRY WaitQueue;	/* pending IOCTL_WDMIOCTL_WAIT IRPs */
	WDMIOCTL_STATS Stats;
} WDMIOCTL_EXTENSION, *PWDMIOCTL_EXTENSION;

/* Per open file, in its FILE_OBJECT's FsContext. */
typedef struct _WDMIOCTL_FILE_CONTEXT {
	ULONG Ioctls;
} WDMIOCTL_FILE_CONTEXT, *PWDMIOCTL_FILE_CONTEXT;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WdmIoctlUnload;
DRIVER_DISPATCH WdmIoctlCreate;
DRIVER_DISPATCH WdmIoctlClose;
DRIVER_DISPATCH WdmIoctlCleanup;
DRIVER_DISPATCH WdmIoctlRead;
DRIVER_DISPATCH WdmIoctlWrite;
DRIVER_DISPATCH WdmIoctlDeviceControl;
DRIVER_CANCEL WdmIoctlCancelWait;

static NTSTATUS WdmIoctlCompleteIrp(PIRP Irp, NTSTATUS Status,
				    ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

NTSTATUS WdmIoctlCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	PWDMIOCTL_FILE_CONTEXT context;
	KIRQL irql;

	PAGED_CODE();

	context = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*context),
					WDMIOCTL_TAG);
	if (context == NULL)
		return WdmIoctlCompleteIrp(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	RtlZeroMemory(context, sizeof(*context));
	stack->FileObject->FsContext = context;

	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Creates++;
	ext->Stats.OpenFiles++;
	KeReleaseSpinLock(&ext->Lock, irql);

	return WdmIoctlCompleteIrp(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS WdmIoctlClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	KIRQL irql;

	PAGED_CODE();

	if (stack->FileObject->FsContext != NULL) {
		ExFreePoolWithTag(stack->FileObject->FsContext, WDMIOCTL_TAG);
		stack->FileObject->FsContext = NULL;
	}

	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Closes++;
	ext->Stats.OpenFiles--;
	KeReleaseSpinLock(&ext->Lock, irql);

	return WdmIoctlCompleteIrp(Irp, STATUS_SUCCESS, 0);
}

/*
 * The cancel routine of a pending wait: called with the cancel spin lock
 * held, after IoCancelIrp took the routine out of the IRP. Whoever clears
 * the cancel routine first owns the IRP: this routine (then the IRP is
 * still queued and it dequeues it) or SIGNAL/CLEANUP (then this routine
 * is never called).
 */
VOID WdmIoctlCancelWait(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	KIRQL irql;

	IoReleaseCancelSpinLock(Irp->CancelIrql);

	KeAcquireSpinLock(&ext->Lock, &irql);
	RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
	ext->Stats.WaitsPending--;
	ext->Stats.WaitsCancelled++;
	KeReleaseSpinLock(&ext->Lock, irql);

	WdmIoctlCompleteIrp(Irp, STATUS_CANCELLED, 0);
}

/*
 * Take the waits that match FileObject (all if NULL) off the queue, onto
 * Taken, skipping those whose cancel routine is already running. Caller
 * holds ext->Lock.
 */
static ULONG WdmIoctlTakeWaits(PWDMIOCTL_EXTENSION ext, PFILE_OBJECT FileObject,
			       PLIST_ENTRY Taken)
{
	PLIST_ENTRY entry, next;
	PIRP irp;
	ULONG count = 0;

	for (entry = ext->WaitQueue.Flink; entry != &ext->WaitQueue; entry = next) {
		next = entry->Flink;
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		if (FileObject != NULL &&
		    IoGetCurrentIrpStackLocation(irp)->FileObject != FileObject)
			continue;
		if (IoSetCancelRoutine(irp, NULL) == NULL)
			continue;	/* being cancelled: its routine dequeues it */
		RemoveEntryList(entry);
		InsertTailList(Taken, entry);
		ext->Stats.WaitsPending--;
		count++;
	}
	return count;
}

/* Complete the IRPs Taken holds. */
static VOID WdmIoctlCompleteTaken(PLIST_ENTRY Taken, NTSTATUS Status, ULONG Value)
{
	PLIST_ENTRY entry;
	PIRP irp;
	PIO_STACK_LOCATION stack;
	ULONG_PTR information;

	while (!IsListEmpty(Taken)) {
		entry = RemoveHeadList(Taken);
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		stack = IoGetCurrentIrpStackLocation(irp);
		information = 0;
		if (NT_SUCCESS(Status) &&
		    stack->Parameters.DeviceIoControl.OutputBufferLength >= sizeof(ULONG)) {
			*(PULONG)irp->AssociatedIrp.SystemBuffer = Value;
			information = sizeof(ULONG);
		}
		WdmIoctlCompleteIrp(irp, Status, information);
	}
}

NTSTATUS WdmIoctlCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	LIST_ENTRY taken;
	KIRQL irql;

	PAGED_CODE();

	InitializeListHead(&taken);
	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Cleanups++;
	ext->Stats.WaitsCancelled += WdmIoctlTakeWaits(ext, stack->FileObject, &taken);
	KeReleaseSpinLock(&ext->Lock, irql);
	WdmIoctlCompleteTaken(&taken, STATUS_CANCELLED, 0);

	return WdmIoctlCompleteIrp(Irp, STATUS_SUCCESS, 0);
}

/* The system address of a direct I/O request's buffer, or NULL. */
static PUCHAR WdmIoctlMdlBuffer(PIRP Irp)
{
	if (Irp->MdlAddress == NULL)
		return NULL;
	return MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
}

NTSTATUS WdmIoctlRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG length = stack->Parameters.Read.Length;
	LONGLONG offset = stack->Parameters.Read.ByteOffset.QuadPart;
	NTSTATUS status = STATUS_SUCCESS;
	PUCHAR buffer = NULL;
	ULONG count = 0;
	KIRQL irql;

	PAGED_CODE();

	if (offset < 0)
		return WdmIoctlCompleteIrp(Irp, STATUS_INVALID_PARAMETER, 0);
	if (length != 0) {
		buffer = WdmIoctlMdlBuffer(Irp);
		if (buffer == NULL)
			return WdmIoctlCompleteIrp(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	}

	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Reads++;
	if (length != 0) {
		if (offset >= ext->DataLength) {
			status = STATUS_END_OF_FILE;
		} else {
			count = ext->DataLength - (ULONG)offset;
			if (count > length)
				count = length;
			RtlCopyMemory(buffer, ext->Store + offset, count);
		}
	}
	KeReleaseSpinLock(&ext->Lock, irql);

	return WdmIoctlCompleteIrp(Irp, status, count);
}

NTSTATUS WdmIoctlWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG length = stack->Parameters.Write.Length;
	LONGLONG offset = stack->Parameters.Write.ByteOffset.QuadPart;
	NTSTATUS status = STATUS_SUCCESS;
	PUCHAR buffer = NULL;
	ULONG count = 0;
	KIRQL irql;

	PAGED_CODE();

	if (offset < 0)
		return WdmIoctlCompleteIrp(Irp, STATUS_INVALID_PARAMETER, 0);
	if (length != 0) {
		buffer = WdmIoctlMdlBuffer(Irp);
		if (buffer == NULL)
			return WdmIoctlCompleteIrp(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	}

	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Writes++;
	if (length != 0) {
		if (offset >= WDMIOCTL_STORE_SIZE) {
			status = STATUS_DISK_FULL;
		} else {
			count = WDMIOCTL_STORE_SIZE - (ULONG)offset;
			if (count > length)
				count = length;
			RtlCopyMemory(ext->Store + offset, buffer, count);
			if ((ULONG)offset + count > ext->DataLength)
				ext->DataLength = (ULONG)offset + count;
		}
	}
	KeReleaseSpinLock(&ext->Lock, irql);

	return WdmIoctlCompleteIrp(Irp, status, count);
}

/* IOCTL_WDMIOCTL_ECHO (METHOD_BUFFERED): reverse in the system buffer. */
static NTSTATUS WdmIoctlEcho(PIRP Irp, PIO_STACK_LOCATION Stack,
			     PULONG_PTR Information)
{
	ULONG inLength = Stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = Stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR buffer = Irp->AssociatedIrp.SystemBuffer;
	ULONG i;
	UCHAR byte;

	if (outLength < inLength)
		return STATUS_BUFFER_TOO_SMALL;
	for (i = 0; i < inLength / 2; i++) {
		byte = buffer[i];
		buffer[i] = buffer[inLength - 1 - i];
		buffer[inLength - 1 - i] = byte;
	}
	*Information = inLength;
	return STATUS_SUCCESS;
}

/* IOCTL_WDMIOCTL_CHECKSUM (METHOD_IN_DIRECT): hash the MDL's bytes. */
static NTSTATUS WdmIoctlChecksum(PIRP Irp, PIO_STACK_LOCATION Stack,
				 PULONG_PTR Information)
{
	ULONG inLength = Stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = Stack->Parameters.DeviceIoControl.OutputBufferLength;
	ULONG hash = WDMIOCTL_FNV_BASIS;
	PUCHAR data = NULL;
	ULONG i;

	if (inLength != 0 && inLength != sizeof(ULONG))
		return STATUS_INVALID_PARAMETER;
	if (inLength != 0)
		hash = *(PULONG)Irp->AssociatedIrp.SystemBuffer;
	if (outLength != 0) {
		data = WdmIoctlMdlBuffer(Irp);
		if (data == NULL)
			return STATUS_INSUFFICIENT_RESOURCES;
		if (MmGetMdlByteCount(Irp->MdlAddress) != outLength)
			return STATUS_INVALID_PARAMETER;
	}
	for (i = 0; i < outLength; i++) {
		hash ^= data[i];
		hash *= WDMIOCTL_FNV_PRIME;
	}
	*Information = hash;
	return STATUS_SUCCESS;
}

/* IOCTL_WDMIOCTL_FILL (METHOD_OUT_DIRECT): a pattern into the MDL. */
static NTSTATUS WdmIoctlFill(PIRP Irp, PIO_STACK_LOCATION Stack,
			     PULONG_PTR Information)
{
	ULONG inLength = Stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = Stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR data;
	UCHAR seed;
	ULONG i;

	if (inLength < 1)
		return STATUS_INVALID_PARAMETER;
	seed = *(PUCHAR)Irp->AssociatedIrp.SystemBuffer;
	if (outLength != 0) {
		data = WdmIoctlMdlBuffer(Irp);
		if (data == NULL)
			return STATUS_INSUFFICIENT_RESOURCES;
		for (i = 0; i < outLength; i++)
			data[i] = (UCHAR)(seed + i);
	}
	*Information = outLength;
	return STATUS_SUCCESS;
}

/*
 * Lock Length bytes of a caller's buffer and map them for the kernel.
 *
 * A WDK driver calls MmProbeAndLockPages inside __try/__except: it raises
 * on a bad buffer. This sample keeps to what needs no structured
 * exception handling (mingw-w64 has none, nor has wdmshim yet): wdmshim's
 * MmProbeAndLockPages leaves the MDL unlocked on a bad buffer, and then
 * MmGetSystemAddressForMdlSafe returns NULL, which is checked here.
 */
static NTSTATUS WdmIoctlLockBuffer(PVOID Address, ULONG Length,
				   KPROCESSOR_MODE Mode, LOCK_OPERATION Operation,
				   PMDL *Mdl, PUCHAR *SystemAddress)
{
	PMDL mdl;
	PUCHAR va;

	*Mdl = NULL;
	*SystemAddress = NULL;
	if (Address == NULL)
		return STATUS_ACCESS_VIOLATION;
	mdl = IoAllocateMdl(Address, Length, FALSE, FALSE, NULL);
	if (mdl == NULL)
		return STATUS_INSUFFICIENT_RESOURCES;
	MmProbeAndLockPages(mdl, Mode, Operation);
	va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
	if (va == NULL) {
		NTSTATUS status = (mdl->MdlFlags & MDL_PAGES_LOCKED) ?
			STATUS_INSUFFICIENT_RESOURCES : STATUS_ACCESS_VIOLATION;

		if (mdl->MdlFlags & MDL_PAGES_LOCKED)
			MmUnlockPages(mdl);
		IoFreeMdl(mdl);
		return status;
	}
	*Mdl = mdl;
	*SystemAddress = va;
	return STATUS_SUCCESS;
}

static VOID WdmIoctlUnlockBuffer(PMDL Mdl)
{
	if (Mdl != NULL) {
		MmUnlockPages(Mdl);
		IoFreeMdl(Mdl);
	}
}

/* IOCTL_WDMIOCTL_INVERT (METHOD_NEITHER): the caller's buffers, via MDLs. */
static NTSTATUS WdmIoctlInvert(PIRP Irp, PIO_STACK_LOCATION Stack,
			       PULONG_PTR Information)
{
	ULONG inLength = Stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = Stack->Parameters.DeviceIoControl.OutputBufferLength;
	PVOID userIn = Stack->Parameters.DeviceIoControl.Type3InputBuffer;
	PVOID userOut = Irp->UserBuffer;
	PMDL inMdl = NULL, outMdl = NULL;
	PUCHAR in = NULL, out = NULL;
	NTSTATUS status;
	ULONG i;

	if (inLength > WDMIOCTL_NEITHER_MAX)
		return STATUS_INVALID_PARAMETER;
	if (outLength < inLength)
		return STATUS_BUFFER_TOO_SMALL;
	if (inLength == 0) {
		*Information = 0;
		return STATUS_SUCCESS;
	}

	status = WdmIoctlLockBuffer(userIn, inLength, Irp->RequestorMode,
				    IoReadAccess, &inMdl, &in);
	if (NT_SUCCESS(status))
		status = WdmIoctlLockBuffer(userOut, inLength, Irp->RequestorMode,
					    IoWriteAccess, &outMdl, &out);
	if (NT_SUCCESS(status)) {
		for (i = 0; i < inLength; i++)
			out[i] = (UCHAR)~in[i];
		*Information = inLength;
	}
	WdmIoctlUnlockBuffer(outMdl);
	WdmIoctlUnlockBuffer(inMdl);
	return status;
}

/* IOCTL_WDMIOCTL_WAIT: queue the IRP, cancellable, and pend it. */
static NTSTATUS WdmIoctlQueueWait(PWDMIOCTL_EXTENSION ext, PIRP Irp)
{
	KIRQL irql;

	IoMarkIrpPending(Irp);
	KeAcquireSpinLock(&ext->Lock, &irql);
	InsertTailList(&ext->WaitQueue, &Irp->Tail.Overlay.ListEntry);
	ext->Stats.WaitsPending++;
	IoSetCancelRoutine(Irp, WdmIoctlCancelWait);
	if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
		/* Cancelled before the routine was set: ours to complete. */
		RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
		ext->Stats.WaitsPending--;
		ext->Stats.WaitsCancelled++;
		KeReleaseSpinLock(&ext->Lock, irql);
		WdmIoctlCompleteIrp(Irp, STATUS_CANCELLED, 0);
		return STATUS_PENDING;
	}
	KeReleaseSpinLock(&ext->Lock, irql);
	return STATUS_PENDING;
}

/* IOCTL_WDMIOCTL_SIGNAL: complete every wait with the input value. */
static NTSTATUS WdmIoctlSignal(PWDMIOCTL_EXTENSION ext, PIRP Irp,
			       PIO_STACK_LOCATION Stack, PULONG_PTR Information)
{
	PULONG buffer = Irp->AssociatedIrp.SystemBuffer;
	LIST_ENTRY taken;
	ULONG value, count;
	KIRQL irql;

	if (Stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG))
		return STATUS_INVALID_PARAMETER;
	value = *buffer;

	InitializeListHead(&taken);
	KeAcquireSpinLock(&ext->Lock, &irql);
	count = WdmIoctlTakeWaits(ext, NULL, &taken);
	ext->Stats.WaitsSignalled += count;
	KeReleaseSpinLock(&ext->Lock, irql);
	WdmIoctlCompleteTaken(&taken, STATUS_SUCCESS, value);

	if (Stack->Parameters.DeviceIoControl.OutputBufferLength >= sizeof(ULONG)) {
		*buffer = count;
		*Information = sizeof(ULONG);
	}
	return STATUS_SUCCESS;
}

NTSTATUS WdmIoctlDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDMIOCTL_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	PWDMIOCTL_FILE_CONTEXT context = NULL;
	ULONG outLength = stack->Parameters.DeviceIoControl.OutputBufferLength;
	ULONG inLength = stack->Parameters.DeviceIoControl.InputBufferLength;
	PULONG ulongs = Irp->AssociatedIrp.SystemBuffer;
	ULONG_PTR information = 0;
	ULONG fileIoctls = 0;
	NTSTATUS status;
	KIRQL irql;

	PAGED_CODE();

	if (stack->FileObject != NULL)
		context = stack->FileObject->FsContext;
	KeAcquireSpinLock(&ext->Lock, &irql);
	ext->Stats.Ioctls++;
	if (context != NULL)
		fileIoctls = ++context->Ioctls;
	KeReleaseSpinLock(&ext->Lock, irql);

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMIOCTL_ECHO:
		status = WdmIoctlEcho(Irp, stack, &information);
		break;
	case IOCTL_WDMIOCTL_CHECKSUM:
		status = WdmIoctlChecksum(Irp, stack, &information);
		break;
	case IOCTL_WDMIOCTL_FILL:
		status = WdmIoctlFill(Irp, stack, &information);
		break;
	case IOCTL_WDMIOCTL_INVERT:
		status = WdmIoctlInvert(Irp, stack, &information);
		break;
	case IOCTL_WDMIOCTL_WAIT:
		return WdmIoctlQueueWait(ext, Irp);
	case IOCTL_WDMIOCTL_SIGNAL:
		status = WdmIoctlSignal(ext, Irp, stack, &information);
		break;
	case IOCTL_WDMIOCTL_STATS:
		if (outLength < sizeof(WDMIOCTL_STATS)) {
			status = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		KeAcquireSpinLock(&ext->Lock, &irql);
		ext->Stats.Layers = 1;
		ext->Stats.FileIoctls = fileIoctls;
		ext->Stats.DataLength = ext->DataLength;
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
			      sizeof(WDMIOCTL_STATS));
		KeReleaseSpinLock(&ext->Lock, irql);
		information = sizeof(WDMIOCTL_STATS);
		status = STATUS_SUCCESS;
		break;
	case IOCTL_WDMIOCTL_RESET:
		KeAcquireSpinLock(&ext->Lock, &irql);
		RtlZeroMemory(ext->Store, WDMIOCTL_STORE_SIZE);
		ext->DataLength = 0;
		KeReleaseSpinLock(&ext->Lock, irql);
		status = STATUS_SUCCESS;
		break;
	case IOCTL_WDMIOCTL_TRUNCATE:
		if (inLength < sizeof(ULONG)) {
			status = STATUS_INVALID_PARAMETER;
			break;
		}
		KeAcquireSpinLock(&ext->Lock, &irql);
		if (ulongs[0] > ext->DataLength) {
			status = STATUS_INVALID_PARAMETER;
		} else {
			ULONG old = ext->DataLength;

			RtlZeroMemory(ext->Store + ulongs[0], old - ulongs[0]);
			ext->DataLength = ulongs[0];
			if (outLength >= sizeof(ULONG)) {
				ulongs[0] = old;
				information = sizeof(ULONG);
			}
			status = STATUS_SUCCESS;
		}
		KeReleaseSpinLock(&ext->Lock, irql);
		break;
	default:
		status = STATUS_INVALID_DEVICE_REQUEST;
		break;
	}

	return WdmIoctlCompleteIrp(Irp, status, information);
}

VOID WdmIoctlUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING linkName = RTL_CONSTANT_STRING(WDMIOCTL_LINK_NAME);
	PDEVICE_OBJECT deviceObject = DriverObject->DeviceObject;
	PWDMIOCTL_EXTENSION ext;

	PAGED_CODE();

	IoDeleteSymbolicLink(&linkName);
	if (deviceObject != NULL) {
		ext = deviceObject->DeviceExtension;
		if (ext->Store != NULL)
			ExFreePoolWithTag(ext->Store, WDMIOCTL_TAG);
		IoDeleteDevice(deviceObject);
	}
	KdPrint(("WdmIoctl: unloaded\n"));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING deviceName = RTL_CONSTANT_STRING(WDMIOCTL_DEVICE_NAME);
	UNICODE_STRING linkName = RTL_CONSTANT_STRING(WDMIOCTL_LINK_NAME);
	PDEVICE_OBJECT deviceObject;
	PWDMIOCTL_EXTENSION ext;
	NTSTATUS status;

	DriverObject->MajorFunction[IRP_MJ_CREATE] = WdmIoctlCreate;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = WdmIoctlClose;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = WdmIoctlCleanup;
	DriverObject->MajorFunction[IRP_MJ_READ] = WdmIoctlRead;
	DriverObject->MajorFunction[IRP_MJ_WRITE] = WdmIoctlWrite;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WdmIoctlDeviceControl;
	DriverObject->DriverUnload = WdmIoctlUnload;

	status = IoCreateDevice(DriverObject, sizeof(WDMIOCTL_EXTENSION),
				&deviceName, FILE_DEVICE_UNKNOWN,
				FILE_DEVICE_SECURE_OPEN, FALSE, &deviceObject);
	if (!NT_SUCCESS(status)) {
		KdPrint(("WdmIoctl: IoCreateDevice failed: 0x%08X\n", status));
		return status;
	}
	ext = deviceObject->DeviceExtension;
	KeInitializeSpinLock(&ext->Lock);
	InitializeListHead(&ext->WaitQueue);
	ext->Store = ExAllocatePoolWithTag(NonPagedPoolNx, WDMIOCTL_STORE_SIZE,
					   WDMIOCTL_TAG);
	if (ext->Store == NULL) {
		IoDeleteDevice(deviceObject);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	RtlZeroMemory(ext->Store, WDMIOCTL_STORE_SIZE);

	status = IoCreateSymbolicLink(&linkName, &deviceName);
	if (!NT_SUCCESS(status)) {
		KdPrint(("WdmIoctl: IoCreateSymbolicLink failed: 0x%08X\n", status));
		ExFreePoolWithTag(ext->Store, WDMIOCTL_TAG);
		IoDeleteDevice(deviceObject);
		return status;
	}

	deviceObject->Flags |= DO_DIRECT_IO;
	deviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
	KdPrint(("WdmIoctl: loaded, registry path %wZ\n", RegistryPath));
	return STATUS_SUCCESS;
}
