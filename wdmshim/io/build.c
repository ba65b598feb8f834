// SPDX-License-Identifier: GPL-2.0
/*
 * io/build.c - IRPs a driver builds to send requests of its own:
 * IoBuildDeviceIoControlRequest, IoBuildSynchronousFsdRequest and
 * IoBuildAsynchronousFsdRequest. The buffers are kernel memory.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include "io.h"

/* Attach a kernel buffer to @irp as a locked MDL. */
static bool wdm_build_mdl(PIRP irp, PVOID buf, ULONG len, LOCK_OPERATION op)
{
	PMDL mdl = IoAllocateMdl(buf, len, FALSE, FALSE, irp);

	return mdl && NT_SUCCESS(wdm_mdl_lock(mdl, false, op));
}

static bool wdm_build_sysbuf(PIRP irp, PVOID in, ULONG in_len, ULONG size)
{
	irp->AssociatedIrp.SystemBuffer = kvzalloc(max_t(ULONG, size, 1),
						   GFP_ATOMIC);
	if (!irp->AssociatedIrp.SystemBuffer)
		return false;
	irp->Flags |= IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER;
	if (in && in_len)
		memcpy(irp->AssociatedIrp.SystemBuffer, in, in_len);
	return true;
}

static PIRP wdm_build_fail(PIRP irp)
{
	wdm_irp_discard(irp);
	return NULL;
}

/**
 * IoBuildDeviceIoControlRequest() - build a device control IRP
 * @IoControlCode: the CTL_CODE
 * @DeviceObject: the target (its StackSize sizes the IRP)
 * @InputBuffer: input data, or NULL
 * @InputBufferLength: its length
 * @OutputBuffer: output buffer, or NULL
 * @OutputBufferLength: its length
 * @InternalDeviceIoControl: IRP_MJ_INTERNAL_DEVICE_CONTROL instead
 * @Event: signalled when the IRP completes
 * @IoStatusBlock: receives the final status
 *
 * The IRP is freed by the I/O manager when it completes.
 *
 * Return: the IRP, ready for IoCallDriver(), or NULL.
 */
PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode,
					 PDEVICE_OBJECT DeviceObject,
					 PVOID InputBuffer,
					 ULONG InputBufferLength,
					 PVOID OutputBuffer,
					 ULONG OutputBufferLength,
					 BOOLEAN InternalDeviceIoControl,
					 PKEVENT Event,
					 PIO_STATUS_BLOCK IoStatusBlock)
{
	PIRP irp = wdm_irp_alloc(wdm_pool_account_of(_RET_IP_),
				 DeviceObject->StackSize, WDM_IRP_BUILT_SYNC);
	struct wdm_irp *w;
	PIO_STACK_LOCATION stack;
	ULONG method = METHOD_FROM_CTL_CODE(IoControlCode);

	if (!irp)
		return NULL;
	w = wdm_irp_of(irp);
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = InternalDeviceIoControl ?
			       IRP_MJ_INTERNAL_DEVICE_CONTROL : IRP_MJ_DEVICE_CONTROL;
	stack->Parameters.DeviceIoControl.IoControlCode = IoControlCode;
	stack->Parameters.DeviceIoControl.InputBufferLength = InputBufferLength;
	stack->Parameters.DeviceIoControl.OutputBufferLength = OutputBufferLength;
	irp->RequestorMode = KernelMode;
	irp->UserEvent = Event;
	irp->UserIosb = IoStatusBlock;
	irp->UserBuffer = OutputBuffer;

	switch (method) {
	case METHOD_BUFFERED:
		if (InputBufferLength || OutputBufferLength) {
			if (!wdm_build_sysbuf(irp, InputBuffer, InputBufferLength,
					      max(InputBufferLength,
						  OutputBufferLength)))
				return wdm_build_fail(irp);
			if (OutputBuffer && OutputBufferLength) {
				w->copy_back = OutputBuffer;
				w->copy_back_len = OutputBufferLength;
			}
		}
		break;
	case METHOD_IN_DIRECT:
	case METHOD_OUT_DIRECT:
		if (InputBufferLength &&
		    !wdm_build_sysbuf(irp, InputBuffer, InputBufferLength,
				      InputBufferLength))
			return wdm_build_fail(irp);
		if (OutputBuffer && OutputBufferLength &&
		    !wdm_build_mdl(irp, OutputBuffer, OutputBufferLength,
				   method == METHOD_IN_DIRECT ? IoReadAccess :
				   IoWriteAccess))
			return wdm_build_fail(irp);
		break;
	case METHOD_NEITHER:
		stack->Parameters.DeviceIoControl.Type3InputBuffer = InputBuffer;
		break;
	}
	return irp;
}
EXPORT_SYMBOL_WDM(IoBuildDeviceIoControlRequest);

static PIRP wdm_build_fsd(unsigned long ip, enum wdm_irp_kind kind,
			  ULONG MajorFunction, PDEVICE_OBJECT DeviceObject,
			  PVOID Buffer, ULONG Length,
			  PLARGE_INTEGER StartingOffset,
			  PIO_STATUS_BLOCK IoStatusBlock)
{
	PIRP irp;
	PIO_STACK_LOCATION stack;
	bool rw = MajorFunction == IRP_MJ_READ || MajorFunction == IRP_MJ_WRITE;

	if (!rw && MajorFunction != IRP_MJ_FLUSH_BUFFERS &&
	    MajorFunction != IRP_MJ_SHUTDOWN && MajorFunction != IRP_MJ_PNP &&
	    MajorFunction != IRP_MJ_POWER) {
		wdm_report(wdm_caller_name(ip),
			   "IoBuild*FsdRequest with major function 0x%x", MajorFunction);
		return NULL;
	}
	irp = wdm_irp_alloc(wdm_pool_account_of(ip), DeviceObject->StackSize, kind);
	if (!irp)
		return NULL;
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = MajorFunction;
	irp->RequestorMode = KernelMode;
	irp->UserIosb = IoStatusBlock;
	if (!rw)
		return irp;
	stack->Parameters.Read.Length = Length;
	if (StartingOffset)
		stack->Parameters.Read.ByteOffset = *StartingOffset;
	if (DeviceObject->Flags & DO_BUFFERED_IO) {
		if (!wdm_build_sysbuf(irp, MajorFunction == IRP_MJ_WRITE ? Buffer : NULL,
				      Length, Length))
			return wdm_build_fail(irp);
		if (MajorFunction == IRP_MJ_READ) {
			wdm_irp_of(irp)->copy_back = Buffer;
			wdm_irp_of(irp)->copy_back_len = Length;
		}
	} else if (DeviceObject->Flags & DO_DIRECT_IO) {
		if (Length && !wdm_build_mdl(irp, Buffer, Length,
					     MajorFunction == IRP_MJ_READ ?
					     IoWriteAccess : IoReadAccess))
			return wdm_build_fail(irp);
	} else {
		irp->UserBuffer = Buffer;
	}
	return irp;
}

/**
 * IoBuildSynchronousFsdRequest() - build a read, write, flush or shutdown
 * IRP whose completion signals @Event
 * @MajorFunction: IRP_MJ_READ, _WRITE, _FLUSH_BUFFERS, _SHUTDOWN, _PNP or _POWER
 * @DeviceObject: the target (its flags choose the buffering)
 * @Buffer: kernel buffer for reads and writes
 * @Length: its length
 * @StartingOffset: byte offset, or NULL
 * @Event: signalled when the IRP completes
 * @IoStatusBlock: receives the final status
 *
 * Return: the IRP, freed by the I/O manager when it completes, or NULL.
 */
PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction,
					PDEVICE_OBJECT DeviceObject,
					PVOID Buffer, ULONG Length,
					PLARGE_INTEGER StartingOffset,
					PKEVENT Event,
					PIO_STATUS_BLOCK IoStatusBlock)
{
	PIRP irp = wdm_build_fsd(_RET_IP_, WDM_IRP_BUILT_SYNC, MajorFunction,
				 DeviceObject, Buffer, Length, StartingOffset,
				 IoStatusBlock);

	if (irp)
		irp->UserEvent = Event;
	return irp;
}
EXPORT_SYMBOL_WDM(IoBuildSynchronousFsdRequest);

/**
 * IoBuildAsynchronousFsdRequest() - build a read, write, flush or
 * shutdown IRP; the caller's completion routine usually frees it
 * (IoFreeIrp and STATUS_MORE_PROCESSING_REQUIRED), else the I/O manager
 * does when it completes
 * @MajorFunction: as for IoBuildSynchronousFsdRequest()
 * @DeviceObject: the target
 * @Buffer: kernel buffer for reads and writes
 * @Length: its length
 * @StartingOffset: byte offset, or NULL
 * @IoStatusBlock: receives the final status, or NULL
 *
 * Return: the IRP or NULL.
 */
PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction,
					 PDEVICE_OBJECT DeviceObject,
					 PVOID Buffer, ULONG Length,
					 PLARGE_INTEGER StartingOffset,
					 PIO_STATUS_BLOCK IoStatusBlock)
{
	return wdm_build_fsd(_RET_IP_, WDM_IRP_BUILT_ASYNC, MajorFunction,
			     DeviceObject, Buffer, Length, StartingOffset,
			     IoStatusBlock);
}
EXPORT_SYMBOL_WDM(IoBuildAsynchronousFsdRequest);
