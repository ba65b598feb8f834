// SPDX-License-Identifier: GPL-2.0
/*
 * io/file.c - file objects and the requests sent on them: open
 * (IRP_MJ_CREATE), cleanup and close, and the send/wait/consume cycle of
 * every IRP the I/O manager issues for a file, from a syscall or from a
 * driver (IoGetDeviceObjectPointer).
 *
 * A request the driver pends makes the caller wait interruptibly; a
 * signal cancels the IRP and waits WDM_CANCEL_WAIT for it; after that the
 * IRP is detached (its completion frees it) and the call fails EINTR.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "io.h"

#define WDM_CANCEL_WAIT		(2 * HZ)
#define WDM_UNCOMPLETED_WAIT	(1 * HZ)

/* Allocate the IRP of a syscall, addressed to the top of @f's stack. */
PIRP wdm_call_irp(struct wdm_file *f, UCHAR major)
{
	PIRP irp = wdm_irp_alloc(&wdm_shim_account, f->top->StackSize,
				 WDM_IRP_USER);
	PIO_STACK_LOCATION stack;

	if (!irp)
		return NULL;
	irp->RequestorMode = f->mode;
	irp->Tail.Overlay.OriginalFileObject = &f->fo;
	irp->Tail.Overlay.Thread = current;
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = major;
	stack->FileObject = &f->fo;
	return irp;
}

/*
 * Send @c's IRP to the top of the stack and wait for its completion;
 * *@interrupted tells whether a signal cancelled it.
 * Return: 0 with the IRP completed, or with the IRP detached (then
 * nothing of it may be touched any more) -EINTR after a signal, -EIO
 * when the dispatch routine neither completed nor pended it.
 */
static int wdm_call_wait(struct wdm_file *f, struct wdm_call *c,
			 bool *interrupted)
{
	struct wdm_irp *w = c->w;
	struct wdm_driver *drv = wdm_driver_of(f->top->DriverObject);
	bool detached = false;
	NTSTATUS status;
	long left;
	int err = -EIO;

	atomic_inc(&drv->irps);
	w->target = drv;
	status = IoCallDriver(f->top, c->irp);
	if (status != STATUS_PENDING && !READ_ONCE(w->completed)) {
		wdm_report(drv->name,
			   "dispatch returned 0x%08x without completing the IRP and without STATUS_PENDING",
			   status);
		left = wait_for_completion_timeout(&w->done, WDM_UNCOMPLETED_WAIT);
		if (!left)
			goto detach;
	}
	if (wait_for_completion_interruptible(&w->done)) {
		*interrupted = true;
		err = -EINTR;
		IoCancelIrp(c->irp);
		if (wait_for_completion_timeout(&w->done, WDM_CANCEL_WAIT))
			goto done;
		wdm_report(drv->name,
			   "did not complete a cancelled IRP within %d ms: detached from its caller",
			   jiffies_to_msecs(WDM_CANCEL_WAIT));
		goto detach;
	}
done:
	if (status == STATUS_PENDING && !c->irp->PendingReturned)
		wdm_report(drv->name, "returned STATUS_PENDING without IoMarkIrpPending");
	return 0;
detach:
	/* The IRP still names the file: it keeps it until it is freed. */
	wdm_file_get(f);
	spin_lock(&w->lock);
	if (!w->completed) {
		w->file = f;
		w->detached = true;
		detached = true;
	}
	spin_unlock(&w->lock);
	if (!detached) {
		wdm_file_put(f);
		goto done;
	}
	wdm_irp_put(w);		/* the completion frees it */
	return err;
}

/* Consume a completed call: copy buffered output back, free it all. */
static long wdm_call_finish(struct wdm_file *f, struct wdm_call *c,
			    struct wdm_status *out)
{
	PIRP irp = c->irp;
	NTSTATUS status = irp->IoStatus.Status;
	ULONG_PTR info = irp->IoStatus.Information;
	struct wdm_driver *drv = c->w->target;
	long ret = 0;

	/*
	 * Buffered output: Information bytes go back, never more than the
	 * caller's buffer (and the caller learns no more than that). A
	 * buffer that went bad meanwhile fails the call as Windows' probe
	 * would have.
	 */
	if (c->buffered_out && !NT_ERROR(status)) {
		if (info > c->copy_len) {
			wdm_report(drv->name,
				   "set Information %lu beyond the %u-byte output buffer",
				   (unsigned long)info, c->copy_len);
			info = c->copy_len;
		}
		if (info && copy_to_user(c->copy_to, irp->AssociatedIrp.SystemBuffer,
					 info)) {
			ret = -EFAULT;
			status = STATUS_ACCESS_VIOLATION;
			info = 0;
		}
	}
	wdm_irp_release_buffers(irp);
	out->status = status;
	out->information = info;
	wdm_irp_put(c->w);
	wdm_driver_irp_done(drv);
	return ret;
}

/* Send one request and consume it. Return: 0 or a negative errno. */
long wdm_call(struct wdm_file *f, struct wdm_call *c, struct wdm_status *out)
{
	bool interrupted = false;
	long ret;

	c->w = wdm_irp_of(c->irp);
	/* Its PnP device was removed: nothing of the stack takes IRPs. */
	if (READ_ONCE(wdm_device_of(f->top)->removed) ||
	    READ_ONCE(wdm_device_of(f->named)->removed)) {
		wdm_irp_discard(c->irp);
		out->status = STATUS_DELETE_PENDING;
		out->information = 0;
		return wdm_ntstatus_to_errno(STATUS_DELETE_PENDING);
	}
	ret = wdm_call_wait(f, c, &interrupted);
	if (ret) {
		out->status = ret == -EINTR ? STATUS_CANCELLED : STATUS_UNSUCCESSFUL;
		out->information = 0;
		return ret;
	}
	ret = wdm_call_finish(f, c, out);
	/* A signal cancelled it: the syscall was interrupted. */
	if (!ret && interrupted && out->status == STATUS_CANCELLED)
		return -EINTR;
	return ret ?: wdm_ntstatus_to_errno(out->status);
}

int wdm_simple_call(struct wdm_file *f, UCHAR major)
{
	struct wdm_call c = { .irp = wdm_call_irp(f, major) };
	struct wdm_status st;

	if (!c.irp)
		return -ENOMEM;
	if (major == IRP_MJ_CREATE) {
		PIO_STACK_LOCATION stack = IoGetNextIrpStackLocation(c.irp);

		stack->Parameters.Create.Options = 1 << 24;	/* FILE_OPEN */
		stack->Parameters.Create.ShareAccess = 3;	/* read | write */
	}
	return wdm_call(f, &c, &st);
}

static void wdm_file_put_stack(struct wdm_file *f)
{
	while (f->nmods)
		module_put(f->mods[--f->nmods]);
	if (f->top)
		wdm_device_put(f->top);
	if (f->named)
		wdm_device_put(f->named);
}

/**
 * wdm_file_open() - open a file on a device: a FILE_OBJECT, references on
 * every driver of its stack, and IRP_MJ_CREATE sent to the top
 * @named: the device opened (a reference the file takes over, even on
 *	failure)
 * @read: opened for reading
 * @write: opened for writing
 * @mode: UserMode for a syscall's file, KernelMode for a driver's
 * @out: receives the file
 *
 * Return: 0 or a negative errno.
 */
int wdm_file_open(PDEVICE_OBJECT named, bool read, bool write,
		  KPROCESSOR_MODE mode, struct wdm_file **out)
{
	struct wdm_file *f;
	struct wdm_device *d;
	PDEVICE_OBJECT dev;
	int ret;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		if (named)
			wdm_device_put(named);
		return -ENOMEM;
	}
	mutex_init(&f->lock);
	atomic_set(&f->inflight, 0);
	refcount_set(&f->refs, 1);
	f->mode = mode;
	f->named = named;
	ret = -ENXIO;
	if (!f->named || f->named->Flags & DO_DEVICE_INITIALIZING)
		goto fail;

	/* Keep every driver of the stack loaded while the file is open. */
	f->top = wdm_top_of_stack(f->named);
	for (dev = f->named; dev && f->nmods < WDM_MAX_STACK;
	     dev = dev->AttachedDevice) {
		struct module *m = wdm_driver_of(dev->DriverObject)->owner;

		if (!try_module_get(m))
			goto fail;
		f->mods[f->nmods++] = m;
	}

	d = wdm_device_of(f->named);
	mutex_lock(&wdm_io_mutex);
	ret = (f->named->Flags & DO_EXCLUSIVE) && d->opens ? -EBUSY : 0;
	/* Not once its PnP device's removal began (checked with the count). */
	if (!ret && !wdm_pnp_may_open_locked(f->named))
		ret = -ENODEV;
	if (!ret)
		d->opens++;
	mutex_unlock(&wdm_io_mutex);
	if (ret)
		goto fail;

	f->fo.Type = IO_TYPE_FILE;
	f->fo.Size = sizeof(FILE_OBJECT);
	f->fo.DeviceObject = f->named;
	f->fo.ReadAccess = read;
	f->fo.WriteAccess = write;
	f->fo.SharedRead = TRUE;
	f->fo.SharedWrite = TRUE;
	ret = wdm_simple_call(f, IRP_MJ_CREATE);
	if (ret) {
		mutex_lock(&wdm_io_mutex);
		d->opens--;
		mutex_unlock(&wdm_io_mutex);
		goto fail;
	}
	*out = f;
	return 0;
fail:
	wdm_file_put_stack(f);
	kfree(f);
	return ret;
}

/**
 * wdm_file_cleanup() - send IRP_MJ_CLEANUP, once, when the last handle
 * (descriptor) of the file goes
 * @f: the file
 */
void wdm_file_cleanup(struct wdm_file *f)
{
	mutex_lock(&f->lock);
	if (!f->cleanup_sent) {
		f->cleanup_sent = true;
		mutex_unlock(&f->lock);
		wdm_simple_call(f, IRP_MJ_CLEANUP);
		return;
	}
	mutex_unlock(&f->lock);
}

/**
 * wdm_file_get() - take a reference on a file object
 * @f: the file
 */
void wdm_file_get(struct wdm_file *f)
{
	refcount_inc(&f->refs);
}

/**
 * wdm_file_put() - drop a reference; the last sends IRP_MJ_CLEANUP (if no
 * handle did) and IRP_MJ_CLOSE and frees the file
 * @f: the file
 */
void wdm_file_put(struct wdm_file *f)
{
	if (!refcount_dec_and_test(&f->refs))
		return;
	wdm_file_cleanup(f);
	wdm_simple_call(f, IRP_MJ_CLOSE);
	mutex_lock(&wdm_io_mutex);
	wdm_device_of(f->named)->opens--;
	mutex_unlock(&wdm_io_mutex);
	/* Before the drivers' modules are let go: a pending PnP removal. */
	wdm_pnp_file_closed(f->named);
	wdm_file_put_stack(f);
	kfree(f);
}
