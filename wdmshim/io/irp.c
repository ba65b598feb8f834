// SPDX-License-Identifier: GPL-2.0
/*
 * io/irp.c - I/O request packets: allocation, IoCallDriver and the
 * completion walk of IoCompleteRequest, with the semantics of Windows'
 * I/O manager (see DESIGN.md section 4).
 */
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/mm.h>
#include "io.h"

static void wdm_irp_release_work(struct work_struct *work);
static struct kmem_cache *wdm_irp_cache;
static void wdm_irp_release_later(struct wdm_irp *w);

/*
 * wdm_irp_alloc() - allocate and initialise an IRP with @stack_size
 * locations, charged to @acct, with its bookkeeping in front.
 */
PIRP wdm_irp_alloc(struct wdm_pool_account *acct, CCHAR stack_size,
		   enum wdm_irp_kind kind)
{
	size_t size = sizeof(struct wdm_irp) +
		      stack_size * sizeof(IO_STACK_LOCATION);
	struct wdm_irp *w;

	if (stack_size < 1)
		return NULL;
	if (kind == WDM_IRP_USER && stack_size <= WDM_IRP_CACHE_STACK) {
		/* The header here; IoInitializeIrp zeroes the rest. */
		w = kmem_cache_alloc(wdm_irp_cache, GFP_KERNEL);
		if (!w)
			return NULL;
		memset(w, 0, offsetof(struct wdm_irp, irp));
		w->cached = true;
	} else {
		w = wdm_pool_alloc(acct, false, true, false, size, WDM_TAG_IRP);
		if (!w)
			return NULL;
	}
	w->magic = WDM_IRP_MAGIC;
	w->kind = kind;
	atomic_set(&w->refs, kind == WDM_IRP_USER ? 2 : 1);
	init_completion(&w->done);
	spin_lock_init(&w->lock);
	INIT_WORK(&w->release_work, wdm_irp_release_work);
	INIT_LIST_HEAD(&w->file_node);
	IoInitializeIrp(&w->irp, IoSizeOfIrp(stack_size), stack_size);
	w->irp.AllocationFlags |= WDM_IRP_ALLOCATED;
	return &w->irp;
}

/**
 * IoAllocateIrp() - allocate an IRP
 * @StackSize: number of stack locations (the target's StackSize)
 * @ChargeQuota: ignored
 *
 * Return: the IRP, with CurrentLocation StackSize + 1 and no current stack
 * location yet, or NULL.
 */
PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
	return wdm_irp_alloc(wdm_pool_account_of(_RET_IP_), StackSize,
			     WDM_IRP_DRIVER);
}
EXPORT_SYMBOL_WDM(IoAllocateIrp);

/**
 * IoInitializeIrp() - initialise an IRP in memory the caller allocated
 * @Irp: the memory, at least IoSizeOfIrp(@StackSize) bytes
 * @PacketSize: its size
 * @StackSize: number of stack locations
 */
VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
	memset(Irp, 0, PacketSize);
	Irp->Type = IO_TYPE_IRP;
	Irp->Size = PacketSize;
	Irp->StackCount = StackSize;
	Irp->CurrentLocation = StackSize + 1;
	Irp->ApcEnvironment = 0;
	InitializeListHead(&Irp->ThreadListEntry);
	Irp->Tail.Overlay.CurrentStackLocation =
		(PIO_STACK_LOCATION)(Irp + 1) + StackSize;
}
EXPORT_SYMBOL_WDM(IoInitializeIrp);

/**
 * IoReuseIrp() - reinitialise a completed IRP for another request
 * @Irp: the IRP
 * @Iostatus: initial IoStatus.Status
 *
 * Keeps the IRP's allocation flags.
 */
VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus)
{
	UCHAR flags = Irp->AllocationFlags;
	struct wdm_irp *w = wdm_irp_of(Irp);

	IoInitializeIrp(Irp, Irp->Size, Irp->StackCount);
	Irp->AllocationFlags = flags;
	Irp->IoStatus.Status = Iostatus;
	if (w) {
		w->completed = false;
		reinit_completion(&w->done);
	}
}
EXPORT_SYMBOL_WDM(IoReuseIrp);

/* Free an IRP's memory once nobody uses it. */
void wdm_irp_put(struct wdm_irp *w)
{
	if (atomic_dec_and_test(&w->refs)) {
		w->magic = 0;
		if (w->cached)
			kmem_cache_free(wdm_irp_cache, w);
		else
			wdm_pool_free(_RET_IP_, w, WDM_TAG_IRP, true);
	}
}

/**
 * wdm_irp_inline_buffer() - the room a cached IRP has for a small system
 * buffer, zeroed
 * @irp: a syscall's IRP
 * @len: bytes wanted
 *
 * Return: the buffer (freed with the IRP), or NULL if the IRP has no such
 * room or @len is larger.
 */
void *wdm_irp_inline_buffer(PIRP irp, size_t len)
{
	struct wdm_irp *w = wdm_irp_of(irp);
	u8 *room;

	if (!w || !w->cached || len > WDM_IRP_INLINE)
		return NULL;
	room = (u8 *)(w + 1) + WDM_IRP_CACHE_STACK * sizeof(IO_STACK_LOCATION);
	memset(room, 0, max_t(size_t, len, 1));
	return room;
}

/*
 * wdm_irp_init() - the slab cache of syscalls' IRPs; only the inline
 * buffer is ever copied to or from user space (hardened usercopy).
 */
int wdm_irp_init(void)
{
	size_t inline_at = sizeof(struct wdm_irp) +
			   WDM_IRP_CACHE_STACK * sizeof(IO_STACK_LOCATION);

	wdm_irp_cache = kmem_cache_create_usercopy("wdm_irp", inline_at + WDM_IRP_INLINE,
						   0, 0, inline_at, WDM_IRP_INLINE,
						   NULL);
	return wdm_irp_cache ? 0 : -ENOMEM;
}

void wdm_irp_exit(void)
{
	kmem_cache_destroy(wdm_irp_cache);
}

/**
 * wdm_irp_discard() - free an IRP the I/O manager built but never sent,
 * with its buffers, whatever references its kind starts with
 * @irp: the IRP, from wdm_irp_alloc()
 */
void wdm_irp_discard(PIRP irp)
{
	struct wdm_irp *w = wdm_irp_of(irp);

	wdm_irp_release_buffers(irp);
	atomic_set(&w->refs, 1);
	wdm_irp_put(w);
}

/**
 * IoFreeIrp() - free an IRP from IoAllocateIrp()
 * @Irp: the IRP
 */
VOID NTAPI IoFreeIrp(PIRP Irp)
{
	struct wdm_irp *w = wdm_irp_of(Irp);

	if (!w) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an IRP IoAllocateIrp did not return", __func__);
		return;
	}
	if (Irp->CancelRoutine)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an IRP with a cancel routine set", __func__);
	/*
	 * An IoBuild*Request IRP taken back by its completion routine: the
	 * system buffer (and any MDL left) the I/O manager attached go too.
	 */
	if (w->kind == WDM_IRP_BUILT_SYNC || w->kind == WDM_IRP_BUILT_ASYNC) {
		wdm_irp_release_later(w);
		return;
	}
	wdm_irp_put(w);
}
EXPORT_SYMBOL_WDM(IoFreeIrp);

/**
 * IofCallDriver() - IoCallDriver(): pass an IRP to a driver's dispatch routine
 * @DeviceObject: the target device
 * @Irp: the IRP; its next stack location holds the request
 *
 * Return: whatever the dispatch routine returns.
 */
NTSTATUS NTAPI IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PDRIVER_DISPATCH dispatch;
	PIO_STACK_LOCATION stack;

	if (Irp->CurrentLocation <= 1) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "IoCallDriver with no stack location left (StackCount %d) for %s",
			   Irp->StackCount, wdm_driver_name(DeviceObject->DriverObject));
		Irp->IoStatus.Status = STATUS_INVALID_PARAMETER;
		Irp->IoStatus.Information = 0;
		IofCompleteRequest(Irp, IO_NO_INCREMENT);
		return STATUS_INVALID_PARAMETER;
	}
	IoSetNextIrpStackLocation(Irp);
	stack = IoGetCurrentIrpStackLocation(Irp);
	stack->DeviceObject = DeviceObject;
	if (stack->MajorFunction > IRP_MJ_MAXIMUM_FUNCTION) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "IoCallDriver with major function 0x%x",
			   stack->MajorFunction);
		Irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
		IofCompleteRequest(Irp, IO_NO_INCREMENT);
		return STATUS_INVALID_DEVICE_REQUEST;
	}
	dispatch = DeviceObject->DriverObject->MajorFunction[stack->MajorFunction];
	return dispatch(DeviceObject, Irp);
}
EXPORT_SYMBOL_WDM(IofCallDriver);

static void wdm_clear_stack_location(PIO_STACK_LOCATION stack)
{
	stack->MinorFunction = 0;
	stack->Flags = 0;
	stack->Control = 0;
	stack->CompletionRoutine = NULL;
	stack->Context = NULL;
}

/**
 * wdm_irp_release_buffers() - free what the I/O manager attached to an
 * IRP: its MDL chain (unlocked first) and a system buffer it allocated
 * @irp: the IRP
 */
void wdm_irp_release_buffers(PIRP irp)
{
	PMDL mdl, next;

	for (mdl = irp->MdlAddress; mdl; mdl = next) {
		next = mdl->Next;
		if (mdl->MdlFlags & MDL_PAGES_LOCKED)
			MmUnlockPages(mdl);
		IoFreeMdl(mdl);
	}
	irp->MdlAddress = NULL;
	if (irp->Flags & IRP_DEALLOCATE_BUFFER) {
		kvfree(irp->AssociatedIrp.SystemBuffer);
		irp->AssociatedIrp.SystemBuffer = NULL;
		irp->Flags &= ~(IRP_DEALLOCATE_BUFFER | IRP_BUFFERED_IO);
	}
}

/*
 * Free an IRP's buffers and drop the completion's reference. Unmapping
 * and freeing (vfree) may sleep: from atomic context (a completion at
 * DISPATCH_LEVEL) a worker does it.
 */
static void wdm_irp_release_work(struct work_struct *work)
{
	struct wdm_irp *w = container_of(work, struct wdm_irp, release_work);

	struct wdm_file *f = w->file;

	wdm_irp_release_buffers(&w->irp);
	if (w->kind == WDM_IRP_USER)	/* orphaned by its syscall */
		wdm_driver_irp_done(w->target);
	wdm_irp_put(w);
	if (f)			/* may close it: IRP_MJ_CLEANUP, IRP_MJ_CLOSE */
		wdm_file_put(f);
}

static void wdm_irp_release_later(struct wdm_irp *w)
{
	/* Not inside the completing driver when the file may close too. */
	if (preemptible() && !w->file) {
		wdm_irp_release_work(&w->release_work);
		return;
	}
	schedule_work(&w->release_work);
}

/* The I/O manager's part once no completion routine stopped the walk. */
static void wdm_irp_finish(PIRP irp, struct wdm_irp *w)
{
	if (!w) {
		/* IoInitializeIrp'd memory: its owner must have stopped the walk */
		wdm_report("wdmshim", "IRP of caller-owned memory completed to the top");
		return;
	}
	switch (w->kind) {
	case WDM_IRP_DRIVER:
		wdm_report("wdmshim",
			   "IRP from IoAllocateIrp completed without STATUS_MORE_PROCESSING_REQUIRED from its completion routine");
		break;
	case WDM_IRP_USER: {
		bool detached;

		spin_lock(&w->lock);
		w->completed = true;
		detached = w->detached;
		spin_unlock(&w->lock);
		complete(&w->done);
		if (detached)
			wdm_irp_release_later(w);
		else
			wdm_irp_put(w);
		break;
	}
	case WDM_IRP_BUILT_SYNC:
	case WDM_IRP_BUILT_ASYNC:
		if (w->copy_back && !NT_ERROR(irp->IoStatus.Status))
			memcpy(w->copy_back, irp->AssociatedIrp.SystemBuffer,
			       min_t(ULONG_PTR, irp->IoStatus.Information,
				     w->copy_back_len));
		if (irp->UserIosb)
			*irp->UserIosb = irp->IoStatus;
		w->completed = true;
		if (irp->UserEvent)
			KeSetEvent(irp->UserEvent, IO_NO_INCREMENT, FALSE);
		wdm_irp_release_later(w);
		break;
	}
}

/**
 * IofCompleteRequest() - IoCompleteRequest(): complete an IRP
 * @Irp: the IRP, its IoStatus set
 * @PriorityBoost: ignored
 *
 * Walks the stack locations upwards, calling each completion routine
 * whose SL_INVOKE_ON_* bits match the outcome, propagating the pending
 * bit, and stopping for good when a routine returns
 * STATUS_MORE_PROCESSING_REQUIRED. Completing twice, with STATUS_PENDING
 * or with a cancel routine still set is reported.
 */
VOID NTAPI IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
	struct wdm_irp *w = wdm_irp_of(Irp);
	unsigned long ip = _RET_IP_;	/* its driver named only in a report */
	PIO_STACK_LOCATION stack;
	PDEVICE_OBJECT dev;
	NTSTATUS status;
	UCHAR control;

	/*
	 * An IRP from IoAllocateIrp one past its last location is back with
	 * its originator: no driver holds it any more.
	 */
	if ((w && w->completed) || Irp->CurrentLocation > Irp->StackCount + 1 ||
	    (w && w->kind == WDM_IRP_DRIVER &&
	     Irp->CurrentLocation == Irp->StackCount + 1)) {
		wdm_report(wdm_caller_name(ip), "completed an IRP twice");
		return;
	}
	if (Irp->IoStatus.Status == STATUS_PENDING) {
		wdm_report(wdm_caller_name(ip), "completed an IRP with STATUS_PENDING");
		Irp->IoStatus.Status = STATUS_UNSUCCESSFUL;
	}
	if (Irp->CancelRoutine) {
		wdm_report(wdm_caller_name(ip),
			   "completed an IRP with its cancel routine still set");
		Irp->CancelRoutine = NULL;
	}

	while (Irp->CurrentLocation <= Irp->StackCount) {
		stack = IoGetCurrentIrpStackLocation(Irp);
		control = stack->Control;
		Irp->PendingReturned = !!(control & SL_PENDING_RETURNED);
		IoSkipCurrentIrpStackLocation(Irp);
		status = Irp->IoStatus.Status;
		if (stack->CompletionRoutine &&
		    ((NT_SUCCESS(status) && (control & SL_INVOKE_ON_SUCCESS)) ||
		     (!NT_SUCCESS(status) && (control & SL_INVOKE_ON_ERROR)) ||
		     (Irp->Cancel && (control & SL_INVOKE_ON_CANCEL)))) {
			PIO_COMPLETION_ROUTINE routine = stack->CompletionRoutine;
			PVOID context = stack->Context;
			struct wdm_seh_frame barrier;

			wdm_clear_stack_location(stack);
			dev = Irp->CurrentLocation > Irp->StackCount ? NULL :
			      IoGetCurrentIrpStackLocation(Irp)->DeviceObject;
			wdm_seh_barrier_push(&barrier);
			status = routine(dev, Irp, context);
			wdm_seh_barrier_pop(&barrier);
			if (status == STATUS_MORE_PROCESSING_REQUIRED)
				return;
		} else {
			if (Irp->PendingReturned &&
			    Irp->CurrentLocation <= Irp->StackCount)
				IoMarkIrpPending(Irp);
			wdm_clear_stack_location(stack);
		}
	}
	wdm_irp_finish(Irp, w);
}
EXPORT_SYMBOL_WDM(IofCompleteRequest);

struct wdm_completion_ex {
	PIO_COMPLETION_ROUTINE routine;
	PVOID context;
	struct module *owner;
	UCHAR control;			/* the SL_INVOKE_ON_* asked for */
};

/*
 * Always invoked, so the module reference is dropped whatever the
 * outcome; calls the driver's routine only when its bits match.
 */
static NTSTATUS NTAPI wdm_completion_ex(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	struct wdm_completion_ex ex = *(struct wdm_completion_ex *)ctx;
	NTSTATUS status = STATUS_SUCCESS, s = irp->IoStatus.Status;

	kfree(ctx);
	if ((NT_SUCCESS(s) && (ex.control & SL_INVOKE_ON_SUCCESS)) ||
	    (!NT_SUCCESS(s) && (ex.control & SL_INVOKE_ON_ERROR)) ||
	    (irp->Cancel && (ex.control & SL_INVOKE_ON_CANCEL)))
		status = ex.routine(dev, irp, ex.context);
	else if (irp->PendingReturned && irp->CurrentLocation <= irp->StackCount)
		IoMarkIrpPending(irp);
	module_put(ex.owner);
	return status;
}

/**
 * IoSetCompletionRoutineEx() - set a completion routine that keeps the
 * driver of @DeviceObject loaded until it has run
 * @DeviceObject: the caller's device
 * @Irp: the IRP
 * @CompletionRoutine: the routine
 * @Context: its context
 * @InvokeOnSuccess: call it on success
 * @InvokeOnError: call it on error
 * @InvokeOnCancel: call it on cancel
 *
 * Return: STATUS_SUCCESS or STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp,
					PIO_COMPLETION_ROUTINE CompletionRoutine,
					PVOID Context, BOOLEAN InvokeOnSuccess,
					BOOLEAN InvokeOnError,
					BOOLEAN InvokeOnCancel)
{
	struct wdm_completion_ex *ex = kmalloc(sizeof(*ex), GFP_ATOMIC);

	if (!ex)
		return STATUS_INSUFFICIENT_RESOURCES;
	ex->routine = CompletionRoutine;
	ex->context = Context;
	ex->owner = wdm_driver_of(DeviceObject->DriverObject)->owner;
	ex->control = (InvokeOnSuccess ? SL_INVOKE_ON_SUCCESS : 0) |
		      (InvokeOnError ? SL_INVOKE_ON_ERROR : 0) |
		      (InvokeOnCancel ? SL_INVOKE_ON_CANCEL : 0);
	__module_get(ex->owner);
	IoSetCompletionRoutine(Irp, wdm_completion_ex, ex, TRUE, TRUE, TRUE);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(IoSetCompletionRoutineEx);

static NTSTATUS NTAPI wdm_forward_done(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	KeSetEvent(ctx, IO_NO_INCREMENT, FALSE);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

/**
 * IoForwardIrpSynchronously() - send an IRP down and wait until the lower
 * drivers completed it, keeping it for the caller
 * @DeviceObject: the next lower device
 * @Irp: the IRP, whose current stack location is copied to the next
 *
 * The caller then looks at Irp->IoStatus and completes the IRP itself.
 * PASSIVE_LEVEL.
 *
 * Return: TRUE once the IRP came back; FALSE if it could not be sent
 * (no stack location left below the caller's).
 */
BOOLEAN NTAPI IoForwardIrpSynchronously(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	struct wdm_seh_frame barrier;
	KEVENT done;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s at IRQL %u", __func__,
			   KeGetCurrentIrql());
		return FALSE;
	}
	if (Irp->CurrentLocation <= 1) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with no stack location left", __func__);
		return FALSE;
	}
	KeInitializeEvent(&done, NotificationEvent, FALSE);
	IoCopyCurrentIrpStackLocationToNext(Irp);
	IoSetCompletionRoutine(Irp, wdm_forward_done, &done, TRUE, TRUE, TRUE);
	/* the completion routine refers to this frame: no raise may skip it */
	wdm_seh_barrier_push(&barrier);
	IoCallDriver(DeviceObject, Irp);
	wdm_seh_barrier_pop(&barrier);
	KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
	return TRUE;
}
EXPORT_SYMBOL_WDM(IoForwardIrpSynchronously);
