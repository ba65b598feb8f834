// SPDX-License-Identifier: GPL-2.0
/*
 * edu.c - WdmEdu, a WDM function driver for QEMU's "edu" PCI device
 * (the interface: edu_ioctl.h; the devices it serves: edu.inf).
 *
 * AddDevice creates the FDO, attaches it over the PDO and registers a
 * device interface. IRP_MN_START_DEVICE (after the lower stack) maps
 * BAR0, checks the ID register, gets a DMA adapter (32-bit addressing,
 * scatter/gather) and connects the interrupt - message-signalled if the
 * device has MSI, else its line - then enables the interface.
 *
 * Every request goes through IoStartPacket; StartIo programs the device:
 * liveness completes at once; a factorial or a raised interrupt ends
 * with the device's interrupt; a read or write is a DMA between the
 * caller's locked pages (GetScatterGatherList on the IRP's MDL) and the
 * device's buffer, one device operation per scatter/gather element,
 * each ending with an interrupt. The ISR acknowledges the device and
 * queues the DPC, which finishes the step, completes the IRP and starts
 * the next one.
 *
 * Removal: IRP_MN_SURPRISE_REMOVAL or IRP_MN_REMOVE_DEVICE stop the
 * device - interface off, interrupt disconnected, DMA waited for, every
 * queued and active IRP failed with STATUS_NO_SUCH_DEVICE - and
 * IRP_MN_REMOVE_DEVICE waits on the remove lock for the IRPs still in
 * the driver's hands before detaching and deleting the FDO.
 *
 * Plain WDM C: it builds with the WDK, with mingw-w64's DDK headers and,
 * hosted by wdmshim, on Linux (with module.c, the one line of glue).
 */
#include <ntddk.h>
#include <initguid.h>
#include "edu_ioctl.h"

#define EDU_TAG			'udEW'

/* Registers (BAR0); below 0x80 only 32-bit accesses. */
#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACTORIAL	0x08
#define EDU_REG_STATUS		0x20
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define EDU_REGS_SIZE		0x100

#define EDU_ID_MASK		0xff
#define EDU_ID_MAGIC		0xed
#define EDU_STATUS_BUSY		0x01
#define EDU_STATUS_IRQ		0x80	/* interrupt when the factorial is done */
#define EDU_IRQ_FACTORIAL	0x00000001
#define EDU_IRQ_DMA		0x00000100
#define EDU_DMA_START		0x1
#define EDU_DMA_TO_RAM		0x2
#define EDU_DMA_IRQ		0x4
#define EDU_DMA_BUFFER		0x40000	/* the device's buffer, by DMA only */

typedef struct _EDU_EXTENSION {
	PDEVICE_OBJECT Self;
	PDEVICE_OBJECT Pdo;
	PDEVICE_OBJECT Lower;
	IO_REMOVE_LOCK RemoveLock;
	UNICODE_STRING InterfaceName;
	BOOLEAN Started;
	volatile LONG Gone;		/* surprise-removed or removed */

	PUCHAR Registers;
	SIZE_T RegistersLength;
	PVOID InterruptContext;		/* IoConnectInterruptEx's */
	ULONG InterruptVersion;		/* CONNECT_MESSAGE_BASED or _LINE_BASED */
	PKINTERRUPT Interrupt;
	PDMA_ADAPTER Dma;

	/* The IRP the device works on (set by StartIo, taken by the DPC). */
	PIRP volatile Active;
	PSCATTER_GATHER_LIST Sg;
	ULONG SgIndex;
	ULONG DeviceOffset;
	BOOLEAN ToDevice;
	ULONG IrqStatus;		/* what the ISR acked, for the DPC */
	ULONG Taken;			/* what the DPC took of it */
	volatile LONG InStartIo;

	WDMEDU_STATS Stats;
} EDU_EXTENSION, *PEDU_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_ADD_DEVICE EduAddDevice;
DRIVER_UNLOAD EduUnload;
DRIVER_DISPATCH EduDispatchCreateClose;
DRIVER_DISPATCH EduDispatchReadWrite;
DRIVER_DISPATCH EduDispatchDeviceControl;
DRIVER_DISPATCH EduDispatchPnp;
DRIVER_DISPATCH EduDispatchPower;
DRIVER_STARTIO EduStartIo;
DRIVER_CANCEL EduCancel;
IO_DPC_ROUTINE EduDpcForIsr;
KSERVICE_ROUTINE EduIsr;
KMESSAGE_SERVICE_ROUTINE EduMessageIsr;
KSYNCHRONIZE_ROUTINE EduTakeIrqStatus;
DRIVER_LIST_CONTROL EduDmaExecution;

static ULONG EduRead(PEDU_EXTENSION ext, ULONG reg)
{
	return READ_REGISTER_ULONG((PULONG)(ext->Registers + reg));
}

static VOID EduWrite(PEDU_EXTENSION ext, ULONG reg, ULONG value)
{
	WRITE_REGISTER_ULONG((PULONG)(ext->Registers + reg), value);
}

/*
 * The DMA registers are 64 bits wide and also take 32-bit writes (which
 * clear the upper half): with 32-bit addressing, every logical address
 * the adapter hands out, and the device's own, fits in the low half.
 */
static VOID EduWriteAddress(PEDU_EXTENSION ext, ULONG reg, PHYSICAL_ADDRESS value)
{
	WRITE_REGISTER_ULONG((PULONG)(ext->Registers + reg), value.LowPart);
}

/* Complete an IRP of the driver's and drop its remove-lock hold. */
static VOID EduComplete(PEDU_EXTENSION ext, PIRP Irp, NTSTATUS Status,
			ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	IoReleaseRemoveLock(&ext->RemoveLock, Irp);
}

/*
 * Every dispatch routine starts here: the IRP is the driver's while it
 * holds the remove lock for it; once the device is being removed it is
 * completed at once with the lock's status.
 */
static NTSTATUS EduEnter(PEDU_EXTENSION ext, PIRP Irp)
{
	NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);

	if (!NT_SUCCESS(status)) {
		Irp->IoStatus.Status = status;
		Irp->IoStatus.Information = 0;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
	}
	return status;
}

/* The IRP the device finished (or gave up): complete it, start the next. */
static VOID EduFinish(PEDU_EXTENSION ext, PIRP Irp, NTSTATUS Status,
		      ULONG_PTR Information)
{
	IoStartNextPacket(ext->Self, TRUE);
	EduComplete(ext, Irp, Status, Information);
}

NTSTATUS EduDispatchCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	NTSTATUS status = EduEnter(ext, Irp);

	if (!NT_SUCCESS(status))
		return status;
	EduComplete(ext, Irp, STATUS_SUCCESS, 0);
	return STATUS_SUCCESS;
}

/* --- the StartIo queue ---------------------------------------------------- */

/* Queued IRPs can be cancelled; the one the device works on cannot. */
VOID EduCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;

	if (KeRemoveEntryDeviceQueue(&DeviceObject->DeviceQueue,
				     &Irp->Tail.Overlay.DeviceQueueEntry)) {
		IoReleaseCancelSpinLock(Irp->CancelIrql);
		EduComplete(ext, Irp, STATUS_CANCELLED, 0);
		return;
	}
	IoReleaseCancelSpinLock(Irp->CancelIrql);
}

/* Queue a checked request for StartIo (the remove lock is held for it). */
static NTSTATUS EduQueue(PEDU_EXTENSION ext, PIRP Irp)
{
	if (ext->Gone || !ext->Started) {
		InterlockedIncrement((PLONG)&ext->Stats.Failed);
		EduComplete(ext, Irp, STATUS_NO_SUCH_DEVICE, 0);
		return STATUS_NO_SUCH_DEVICE;
	}
	IoMarkIrpPending(Irp);
	IoStartPacket(ext->Self, Irp, NULL, EduCancel);
	return STATUS_PENDING;
}

NTSTATUS EduDispatchReadWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	LONGLONG offset = stack->Parameters.Read.ByteOffset.QuadPart;
	ULONG length = stack->Parameters.Read.Length;
	NTSTATUS status = EduEnter(ext, Irp);

	if (!NT_SUCCESS(status))
		return status;
	/* QEMU 7.2 aborts on a DMA of 0 bytes or one touching the last byte. */
	if (length == 0 || offset < 0 || offset + length > WDMEDU_DMA_MAX ||
	    !Irp->MdlAddress) {
		InterlockedIncrement((PLONG)&ext->Stats.Rejected);
		EduComplete(ext, Irp, STATUS_INVALID_PARAMETER, 0);
		return STATUS_INVALID_PARAMETER;
	}
	return EduQueue(ext, Irp);
}

NTSTATUS EduDispatchDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG code = stack->Parameters.DeviceIoControl.IoControlCode;
	ULONG inLength = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLength = stack->Parameters.DeviceIoControl.OutputBufferLength;
	NTSTATUS status = EduEnter(ext, Irp);

	if (!NT_SUCCESS(status))
		return status;
	switch (code) {
	case IOCTL_WDMEDU_STATS:
		if (outLength < sizeof(WDMEDU_STATS)) {
			EduComplete(ext, Irp, STATUS_BUFFER_TOO_SMALL, 0);
			return STATUS_BUFFER_TOO_SMALL;
		}
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->Stats,
			      sizeof(WDMEDU_STATS));
		EduComplete(ext, Irp, STATUS_SUCCESS, sizeof(WDMEDU_STATS));
		return STATUS_SUCCESS;
	case IOCTL_WDMEDU_LIVENESS:
	case IOCTL_WDMEDU_FACTORIAL:
	case IOCTL_WDMEDU_RAISE:
		if (inLength < sizeof(ULONG) || outLength < sizeof(ULONG)) {
			EduComplete(ext, Irp, STATUS_INVALID_PARAMETER, 0);
			return STATUS_INVALID_PARAMETER;
		}
		if (code == IOCTL_WDMEDU_RAISE &&
		    *(PULONG)Irp->AssociatedIrp.SystemBuffer == 0) {
			/* Raising nothing would never interrupt. */
			EduComplete(ext, Irp, STATUS_INVALID_PARAMETER, 0);
			return STATUS_INVALID_PARAMETER;
		}
		return EduQueue(ext, Irp);
	default:
		EduComplete(ext, Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
		return STATUS_INVALID_DEVICE_REQUEST;
	}
}

/* Program the device for the current scatter/gather element. */
static VOID EduDmaProgram(PEDU_EXTENSION ext)
{
	PSCATTER_GATHER_ELEMENT element = &ext->Sg->Elements[ext->SgIndex];
	PHYSICAL_ADDRESS device;

	device.QuadPart = EDU_DMA_BUFFER + ext->DeviceOffset;
	if (ext->ToDevice) {
		EduWriteAddress(ext, EDU_REG_DMA_SRC, element->Address);
		EduWriteAddress(ext, EDU_REG_DMA_DST, device);
	} else {
		EduWriteAddress(ext, EDU_REG_DMA_SRC, device);
		EduWriteAddress(ext, EDU_REG_DMA_DST, element->Address);
	}
	EduWrite(ext, EDU_REG_DMA_COUNT, element->Length);
	EduWrite(ext, EDU_REG_DMA_CMD, EDU_DMA_START | EDU_DMA_IRQ |
		 (ext->ToDevice ? 0 : EDU_DMA_TO_RAM));
}

/* GetScatterGatherList's routine: the IRP's pages are mapped for DMA. */
VOID EduDmaExecution(PDEVICE_OBJECT DeviceObject, PIRP Reserved,
		     PSCATTER_GATHER_LIST ScatterGather, PVOID Context)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;

	UNREFERENCED_PARAMETER(Reserved);
	UNREFERENCED_PARAMETER(Context);
	ext->Sg = ScatterGather;
	ext->SgIndex = 0;
	EduDmaProgram(ext);
}

VOID EduStartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	PULONG buffer = Irp->AssociatedIrp.SystemBuffer;
	LONG now, max;
	NTSTATUS status;
	KIRQL irql;

	now = InterlockedIncrement(&ext->InStartIo);
	do {
		max = (LONG)ext->Stats.MaxInStartIo;
	} while (now > max &&
		 InterlockedCompareExchange((PLONG)&ext->Stats.MaxInStartIo,
					    now, max) != max);

	IoAcquireCancelSpinLock(&irql);
	IoSetCancelRoutine(Irp, NULL);
	if (Irp->Cancel) {
		IoReleaseCancelSpinLock(irql);
		EduFinish(ext, Irp, STATUS_CANCELLED, 0);
		goto out;
	}
	IoReleaseCancelSpinLock(irql);
	if (ext->Gone) {
		InterlockedIncrement((PLONG)&ext->Stats.Failed);
		EduFinish(ext, Irp, STATUS_NO_SUCH_DEVICE, 0);
		goto out;
	}

	switch (stack->MajorFunction) {
	case IRP_MJ_DEVICE_CONTROL:
		switch (stack->Parameters.DeviceIoControl.IoControlCode) {
		case IOCTL_WDMEDU_LIVENESS:
			EduWrite(ext, EDU_REG_LIVENESS, buffer[0]);
			buffer[0] = EduRead(ext, EDU_REG_LIVENESS);
			EduFinish(ext, Irp, STATUS_SUCCESS, sizeof(ULONG));
			break;
		case IOCTL_WDMEDU_FACTORIAL:
			ext->Active = Irp;
			EduWrite(ext, EDU_REG_STATUS, EDU_STATUS_IRQ);
			EduWrite(ext, EDU_REG_FACTORIAL, buffer[0]);
			break;
		case IOCTL_WDMEDU_RAISE:
			ext->Active = Irp;
			EduWrite(ext, EDU_REG_IRQ_RAISE, buffer[0]);
			break;
		}
		break;
	case IRP_MJ_READ:
	case IRP_MJ_WRITE:
		ext->Active = Irp;
		ext->ToDevice = stack->MajorFunction == IRP_MJ_WRITE;
		ext->DeviceOffset = (ULONG)stack->Parameters.Read.ByteOffset.QuadPart;
		status = ext->Dma->DmaOperations->GetScatterGatherList(
			ext->Dma, DeviceObject, Irp->MdlAddress,
			MmGetMdlVirtualAddress(Irp->MdlAddress),
			stack->Parameters.Read.Length, EduDmaExecution, Irp,
			ext->ToDevice);
		if (!NT_SUCCESS(status) &&
		    InterlockedCompareExchangePointer((PVOID *)&ext->Active, NULL,
						      Irp) == Irp)
			EduFinish(ext, Irp, status, 0);
		break;
	}
out:
	InterlockedDecrement(&ext->InStartIo);
}

/* --- interrupt ---------------------------------------------------------- */

BOOLEAN EduIsr(PKINTERRUPT Interrupt, PVOID ServiceContext)
{
	PEDU_EXTENSION ext = ServiceContext;
	ULONG status;

	UNREFERENCED_PARAMETER(Interrupt);
	status = EduRead(ext, EDU_REG_IRQ_STATUS);
	if (status == 0 || status == 0xFFFFFFFF) {
		/* Not ours (a shared line), or the device is gone. */
		ext->Stats.Unclaimed++;
		return FALSE;
	}
	EduWrite(ext, EDU_REG_IRQ_ACK, status);
	ext->Stats.Interrupts++;
	if (ext->Gone)
		return TRUE;	/* stopping: EduStopDevice finishes the IRP */
	ext->IrqStatus |= status;
	IoRequestDpc(ext->Self, NULL, NULL);
	return TRUE;
}

BOOLEAN EduMessageIsr(PKINTERRUPT Interrupt, PVOID ServiceContext, ULONG MessageId)
{
	UNREFERENCED_PARAMETER(MessageId);
	return EduIsr(Interrupt, ServiceContext);
}

/* Under the interrupt lock: take what the ISR acknowledged. */
BOOLEAN EduTakeIrqStatus(PVOID Context)
{
	PEDU_EXTENSION ext = Context;

	ext->Taken = ext->IrqStatus;
	ext->IrqStatus = 0;
	return TRUE;
}

VOID EduDpcForIsr(PKDPC Dpc, PDEVICE_OBJECT DeviceObject, PIRP Unused,
		  PVOID Context)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	PIRP irp = ext->Active;
	PIO_STACK_LOCATION stack;
	PULONG buffer;
	ULONG status;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Unused);
	UNREFERENCED_PARAMETER(Context);
	if (ext->Gone)
		return;		/* stopping: no next DMA element, no completion */
	KeSynchronizeExecution(ext->Interrupt, EduTakeIrqStatus, ext);
	status = ext->Taken;
	ext->Stats.Dpcs++;
	if (!irp)
		return;		/* a late or foreign interrupt */
	stack = IoGetCurrentIrpStackLocation(irp);
	buffer = irp->AssociatedIrp.SystemBuffer;

	if (stack->MajorFunction == IRP_MJ_READ || stack->MajorFunction == IRP_MJ_WRITE) {
		if (!(status & EDU_IRQ_DMA))
			return;
		ext->Stats.DmaTransfers++;
		ext->Stats.DmaBytes += ext->Sg->Elements[ext->SgIndex].Length;
		ext->DeviceOffset += ext->Sg->Elements[ext->SgIndex].Length;
		if (++ext->SgIndex < ext->Sg->NumberOfElements) {
			EduDmaProgram(ext);
			return;
		}
		if (InterlockedCompareExchangePointer((PVOID *)&ext->Active, NULL, irp) != irp)
			return;
		ext->Dma->DmaOperations->PutScatterGatherList(ext->Dma, ext->Sg,
							       ext->ToDevice);
		ext->Sg = NULL;
		EduFinish(ext, irp, STATUS_SUCCESS, stack->Parameters.Read.Length);
		return;
	}
	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDMEDU_FACTORIAL:
		if (!(status & EDU_IRQ_FACTORIAL))
			return;
		if (InterlockedCompareExchangePointer((PVOID *)&ext->Active, NULL, irp) != irp)
			return;
		buffer[0] = EduRead(ext, EDU_REG_FACTORIAL);
		ext->Stats.Factorials++;
		EduFinish(ext, irp, STATUS_SUCCESS, sizeof(ULONG));
		break;
	case IOCTL_WDMEDU_RAISE:
		if (InterlockedCompareExchangePointer((PVOID *)&ext->Active, NULL, irp) != irp)
			return;
		buffer[0] = status;
		EduFinish(ext, irp, STATUS_SUCCESS, sizeof(ULONG));
		break;
	}
}

/* --- start and stop ------------------------------------------------------- */

static NTSTATUS EduStartDevice(PEDU_EXTENSION ext, PCM_RESOURCE_LIST Translated)
{
	IO_CONNECT_INTERRUPT_PARAMETERS connect;
	DEVICE_DESCRIPTION description;
	PCM_PARTIAL_RESOURCE_LIST list;
	PCM_PARTIAL_RESOURCE_DESCRIPTOR d;
	ULONG i, id, mapRegisters;
	NTSTATUS status;

	PAGED_CODE();
	if (!Translated || Translated->Count < 1)
		return STATUS_DEVICE_CONFIGURATION_ERROR;
	list = &Translated->List[0].PartialResourceList;
	for (i = 0; i < list->Count; i++) {
		d = &list->PartialDescriptors[i];
		if (d->Type == CmResourceTypeMemory)
			KdPrint(("WdmEdu: resource: memory at 0x%I64x, 0x%lx bytes\n",
				 d->u.Memory.Start.QuadPart, d->u.Memory.Length));
		else if (d->Type == CmResourceTypeInterrupt &&
			 (d->Flags & CM_RESOURCE_INTERRUPT_MESSAGE))
			KdPrint(("WdmEdu: resource: message-signaled interrupt, vector %lu\n",
				 d->u.MessageInterrupt.Translated.Vector));
		else if (d->Type == CmResourceTypeInterrupt)
			KdPrint(("WdmEdu: resource: line-based interrupt, vector %lu, %s\n",
				 d->u.Interrupt.Vector,
				 d->ShareDisposition == CmResourceShareShared ?
				 "shared" : "exclusive"));
		if (d->Type == CmResourceTypeMemory && !ext->Registers &&
		    d->u.Memory.Length >= EDU_REGS_SIZE) {
			ext->Registers = MmMapIoSpace(d->u.Memory.Start, d->u.Memory.Length,
						      MmNonCached);
			if (!ext->Registers)
				return STATUS_INSUFFICIENT_RESOURCES;
			ext->RegistersLength = d->u.Memory.Length;
		}
	}
	if (!ext->Registers)
		return STATUS_DEVICE_CONFIGURATION_ERROR;
	id = EduRead(ext, EDU_REG_ID);
	if ((id & EDU_ID_MASK) != EDU_ID_MAGIC) {
		KdPrint(("WdmEdu: ID register reads 0x%08lx: not an edu device\n", id));
		status = STATUS_DEVICE_CONFIGURATION_ERROR;
		goto unmap;
	}
	KdPrint(("WdmEdu: edu device version %lu.%lu, BAR0 mapped (%Iu bytes)\n",
		 id >> 24, (id >> 16) & 0xff, ext->RegistersLength));
	/* Whatever an earlier owner left pending: no factorial IRQ, all acked. */
	EduWrite(ext, EDU_REG_STATUS, 0);
	EduWrite(ext, EDU_REG_IRQ_ACK, EduRead(ext, EDU_REG_IRQ_STATUS));

	RtlZeroMemory(&description, sizeof(description));
	description.Version = DEVICE_DESCRIPTION_VERSION;
	description.Master = TRUE;
	description.ScatterGather = TRUE;
	description.Dma32BitAddresses = TRUE;
	description.InterfaceType = PCIBus;
	description.MaximumLength = WDMEDU_BUFFER_SIZE;
	ext->Dma = IoGetDmaAdapter(ext->Pdo, &description, &mapRegisters);
	if (!ext->Dma) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto unmap;
	}

	/* MSI if the device has it; IoConnectInterruptEx falls back to INTx. */
	RtlZeroMemory(&connect, sizeof(connect));
	connect.Version = CONNECT_MESSAGE_BASED;
	connect.MessageBased.PhysicalDeviceObject = ext->Pdo;
	connect.MessageBased.ConnectionContext.Generic = &ext->InterruptContext;
	connect.MessageBased.MessageServiceRoutine = EduMessageIsr;
	connect.MessageBased.ServiceContext = ext;
	connect.MessageBased.FallBackServiceRoutine = EduIsr;
	status = IoConnectInterruptEx(&connect);
	if (!NT_SUCCESS(status)) {
		KdPrint(("WdmEdu: IoConnectInterruptEx failed: 0x%08lx\n", status));
		goto put_adapter;
	}
	ext->InterruptVersion = connect.Version;
	if (connect.Version == CONNECT_MESSAGE_BASED)
		ext->Interrupt = ((PIO_INTERRUPT_MESSAGE_INFO)ext->InterruptContext)->
				 MessageInfo[0].InterruptObject;
	else
		ext->Interrupt = ext->InterruptContext;
	ext->Stats.MessageSignaled = connect.Version == CONNECT_MESSAGE_BASED;
	KdPrint(("WdmEdu: interrupt connected (%s), DMA adapter: %lu map registers\n",
		 ext->Stats.MessageSignaled ? "message-signaled" : "line-based",
		 mapRegisters));

	ext->Gone = FALSE;
	ext->Started = TRUE;
	IoSetDeviceInterfaceState(&ext->InterfaceName, TRUE);
	return STATUS_SUCCESS;

put_adapter:
	ext->Dma->DmaOperations->PutDmaAdapter(ext->Dma);
	ext->Dma = NULL;
unmap:
	MmUnmapIoSpace(ext->Registers, ext->RegistersLength);
	ext->Registers = NULL;
	return status;
}

/* Wait (500 ms at most) until the device runs no DMA and no factorial. */
static VOID EduWaitIdle(PEDU_EXTENSION ext)
{
	LARGE_INTEGER delay;
	ULONG cmd;
	int i;

	delay.QuadPart = -10000;	/* 1 ms */
	for (i = 0; i < 500; i++) {
		cmd = EduRead(ext, EDU_REG_DMA_CMD);
		if (cmd == 0xFFFFFFFF ||
		    (!(cmd & EDU_DMA_START) &&
		     !(EduRead(ext, EDU_REG_STATUS) & EDU_STATUS_BUSY)))
			return;
		KeDelayExecutionThread(KernelMode, FALSE, &delay);
	}
}

/* The device is going: stop it and fail whatever waits for it. */
static VOID EduStopDevice(PEDU_EXTENSION ext)
{
	IO_DISCONNECT_INTERRUPT_PARAMETERS disconnect;
	PKDEVICE_QUEUE_ENTRY entry;
	LARGE_INTEGER delay;
	LIST_ENTRY failed;
	PIRP irp;
	KIRQL irql;

	PAGED_CODE();
	InterlockedExchange(&ext->Gone, TRUE);
	if (!ext->Started)
		return;
	ext->Started = FALSE;
	IoSetDeviceInterfaceState(&ext->InterfaceName, FALSE);

	/* StartIo programs the device no more (it fails what comes). */
	delay.QuadPart = -10000;	/* 1 ms */
	while (ext->InStartIo)
		KeDelayExecutionThread(KernelMode, FALSE, &delay);

	/*
	 * If the device still answers, let the operation it works on end, so
	 * no DMA touches pages we give back and no interrupt stays pending;
	 * the ISR acks it and queues no DPC any more. A DPC already running
	 * may have started one more DMA element: wait for the device again
	 * once it is done.
	 */
	EduWaitIdle(ext);
	KeFlushQueuedDpcs();
	EduWaitIdle(ext);

	/* No more interrupts; no DPC runs (none was queued since Gone). */
	disconnect.Version = ext->InterruptVersion;
	disconnect.ConnectionContext.Generic = ext->InterruptContext;
	IoDisconnectInterruptEx(&disconnect);
	KeFlushQueuedDpcs();
	if (EduRead(ext, EDU_REG_IRQ_STATUS) != 0xFFFFFFFF) {
		EduWrite(ext, EDU_REG_STATUS, 0);
		EduWrite(ext, EDU_REG_IRQ_ACK, EduRead(ext, EDU_REG_IRQ_STATUS));
	}

	/* Every queued IRP, then the active one, fails. */
	InitializeListHead(&failed);
	IoAcquireCancelSpinLock(&irql);
	while ((entry = KeRemoveDeviceQueue(&ext->Self->DeviceQueue)) != NULL) {
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.DeviceQueueEntry);
		IoSetCancelRoutine(irp, NULL);
		InsertTailList(&failed, &irp->Tail.Overlay.ListEntry);
	}
	IoReleaseCancelSpinLock(irql);
	while (!IsListEmpty(&failed)) {
		irp = CONTAINING_RECORD(RemoveHeadList(&failed), IRP, Tail.Overlay.ListEntry);
		InterlockedIncrement((PLONG)&ext->Stats.Failed);
		EduComplete(ext, irp, STATUS_NO_SUCH_DEVICE, 0);
	}
	irp = InterlockedExchangePointer((PVOID *)&ext->Active, NULL);
	if (irp) {
		if (ext->Sg) {
			ext->Dma->DmaOperations->PutScatterGatherList(ext->Dma, ext->Sg,
								       ext->ToDevice);
			ext->Sg = NULL;
		}
		InterlockedIncrement((PLONG)&ext->Stats.Failed);
		EduFinish(ext, irp, STATUS_NO_SUCH_DEVICE, 0);
	}

	ext->Dma->DmaOperations->PutDmaAdapter(ext->Dma);
	ext->Dma = NULL;
	MmUnmapIoSpace(ext->Registers, ext->RegistersLength);
	ext->Registers = NULL;
}

/* --- PnP and power --------------------------------------------------------- */

NTSTATUS EduDispatchPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	NTSTATUS status = EduEnter(ext, Irp);

	if (!NT_SUCCESS(status))
		return status;
	switch (stack->MinorFunction) {
	case IRP_MN_START_DEVICE:
		/* The bus first, then the function. */
		if (IoForwardIrpSynchronously(ext->Lower, Irp))
			status = Irp->IoStatus.Status;
		else
			status = STATUS_UNSUCCESSFUL;
		if (NT_SUCCESS(status))
			status = EduStartDevice(ext,
				stack->Parameters.StartDevice.AllocatedResourcesTranslated);
		Irp->IoStatus.Status = status;
		IoCompleteRequest(Irp, IO_NO_INCREMENT);
		IoReleaseRemoveLock(&ext->RemoveLock, Irp);
		return status;
	case IRP_MN_QUERY_REMOVE_DEVICE:
	case IRP_MN_CANCEL_REMOVE_DEVICE:
	case IRP_MN_QUERY_STOP_DEVICE:
	case IRP_MN_CANCEL_STOP_DEVICE:
		Irp->IoStatus.Status = STATUS_SUCCESS;
		break;
	case IRP_MN_SURPRISE_REMOVAL:
		KdPrint(("WdmEdu: surprise removal\n"));
		EduStopDevice(ext);
		Irp->IoStatus.Status = STATUS_SUCCESS;
		break;
	case IRP_MN_REMOVE_DEVICE:
		KdPrint(("WdmEdu: removal\n"));
		EduStopDevice(ext);
		/* Wait for the IRPs still in our hands, then go. */
		IoReleaseRemoveLockAndWait(&ext->RemoveLock, Irp);
		Irp->IoStatus.Status = STATUS_SUCCESS;
		IoSkipCurrentIrpStackLocation(Irp);
		status = IoCallDriver(ext->Lower, Irp);
		RtlFreeUnicodeString(&ext->InterfaceName);
		IoDetachDevice(ext->Lower);
		IoDeleteDevice(ext->Self);
		return status;
	default:
		break;
	}
	IoSkipCurrentIrpStackLocation(Irp);
	status = IoCallDriver(ext->Lower, Irp);
	IoReleaseRemoveLock(&ext->RemoveLock, Irp);
	return status;
}

NTSTATUS EduDispatchPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEDU_EXTENSION ext = DeviceObject->DeviceExtension;

	PoStartNextPowerIrp(Irp);
	IoSkipCurrentIrpStackLocation(Irp);
	return PoCallDriver(ext->Lower, Irp);
}

NTSTATUS EduAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject)
{
	PDEVICE_OBJECT fdo;
	PEDU_EXTENSION ext;
	NTSTATUS status;

	PAGED_CODE();
	status = IoCreateDevice(DriverObject, sizeof(EDU_EXTENSION), NULL,
				FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN, FALSE, &fdo);
	if (!NT_SUCCESS(status))
		return status;
	ext = fdo->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	ext->Self = fdo;
	ext->Pdo = PhysicalDeviceObject;
	IoInitializeRemoveLock(&ext->RemoveLock, EDU_TAG, 0, 0);
	status = IoRegisterDeviceInterface(PhysicalDeviceObject, &GUID_DEVINTERFACE_WDMEDU,
					   NULL, &ext->InterfaceName);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(fdo);
		return status;
	}
	ext->Lower = IoAttachDeviceToDeviceStack(fdo, PhysicalDeviceObject);
	if (!ext->Lower) {
		RtlFreeUnicodeString(&ext->InterfaceName);
		IoDeleteDevice(fdo);
		return STATUS_NO_SUCH_DEVICE;
	}
	IoInitializeDpcRequest(fdo, EduDpcForIsr);
	fdo->Flags |= DO_DIRECT_IO | DO_POWER_PAGABLE;
	fdo->Flags &= ~DO_DEVICE_INITIALIZING;
	return STATUS_SUCCESS;
}

VOID EduUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	PAGED_CODE();
	/* Every device went with its IRP_MN_REMOVE_DEVICE. */
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->MajorFunction[IRP_MJ_CREATE] = EduDispatchCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = EduDispatchCreateClose;
	DriverObject->MajorFunction[IRP_MJ_READ] = EduDispatchReadWrite;
	DriverObject->MajorFunction[IRP_MJ_WRITE] = EduDispatchReadWrite;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = EduDispatchDeviceControl;
	DriverObject->MajorFunction[IRP_MJ_PNP] = EduDispatchPnp;
	DriverObject->MajorFunction[IRP_MJ_POWER] = EduDispatchPower;
	DriverObject->DriverExtension->AddDevice = EduAddDevice;
	DriverObject->DriverStartIo = EduStartIo;
	DriverObject->DriverUnload = EduUnload;
	return STATUS_SUCCESS;
}
