// SPDX-License-Identifier: GPL-2.0
/*
 * io/chrdev.c - Linux glue: the char devices of symbolic links, and file
 * operations turned into IRPs (DESIGN.md section 5).
 *
 * open → IRP_MJ_CREATE with a FILE_OBJECT per open file; read/write →
 * IRP_MJ_READ/WRITE with the top device's buffering (DO_BUFFERED_IO,
 * DO_DIRECT_IO or neither); WDM_IOCTL_CALL → IRP_MJ_DEVICE_CONTROL with
 * the four METHOD_* and the CTL_CODE access bits checked against the open
 * mode; closing the last descriptor → IRP_MJ_CLEANUP, even while another
 * thread's IRP on the file is pending; release → IRP_MJ_CLOSE.
 *
 * A request the driver pends makes the syscall wait interruptibly; a
 * signal cancels the IRP and waits WDM_CANCEL_WAIT for it; after that the
 * IRP is detached (its completion frees it) and the syscall fails EINTR.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <uapi/wdmshim.h>
#include "io.h"

#define WDM_MINORS		256
#define WDM_MAX_BUFFER		(64 << 20)

static dev_t wdm_devt;
static struct cdev wdm_cdev;
static struct class *wdm_class;
static DEFINE_IDR(wdm_nodes);
static DEFINE_MUTEX(wdm_nodes_lock);

struct wdm_node {
	int minor;
	struct device *dev;
	UNICODE_STRING target;		/* \Device\Y the link names */
	int mode;			/* from IoCreateDeviceSecure, or -1: 0600 */
};

static int wdm_open(struct inode *inode, struct file *file)
{
	UNICODE_STRING target = { 0 };
	PDEVICE_OBJECT named = NULL;
	struct wdm_node *node;
	struct wdm_file *f;
	int ret;

	/*
	 * Copy the name out: IoCreateSymbolicLink takes wdm_nodes_lock
	 * under wdm_io_mutex, so the device lookup (wdm_io_mutex) must not
	 * nest inside wdm_nodes_lock.
	 */
	mutex_lock(&wdm_nodes_lock);
	node = idr_find(&wdm_nodes, iminor(inode));
	/* no user access at all (SDDL_DEVOBJ_SYS_ALL): root neither */
	if (node && node->mode >= 0 && !(node->mode & 0666)) {
		mutex_unlock(&wdm_nodes_lock);
		return -EACCES;
	}
	if (node) {
		target.Buffer = kmemdup(node->target.Buffer, node->target.Length,
					GFP_KERNEL);
		target.Length = node->target.Length;
		target.MaximumLength = node->target.Length;
	}
	mutex_unlock(&wdm_nodes_lock);
	if (node && !target.Buffer)
		return -ENOMEM;
	if (target.Buffer) {
		named = wdm_find_device(&target);
		kfree(target.Buffer);
	}
	ret = wdm_file_open(named, file->f_mode & FMODE_READ,
			    file->f_mode & FMODE_WRITE, UserMode, &f);
	if (!ret)
		file->private_data = f;
	return ret;
}

static int wdm_flush(struct file *file, fl_owner_t id)
{
	struct wdm_file *f = file->private_data;

	/*
	 * The last descriptor is going if every other reference to the file
	 * is held by one of our syscalls in progress: Linux would call
	 * release() only after they return, too late for the driver to
	 * cancel what they wait for.
	 */
	if (file_count(file) - atomic_read(&f->inflight) <= 1)
		wdm_file_cleanup(f);
	return 0;
}

static int wdm_release(struct inode *inode, struct file *file)
{
	struct wdm_file *f = file->private_data;

	wdm_file_cleanup(f);
	wdm_file_put(f);
	return 0;
}

/* Describe a user buffer with a locked MDL attached to @irp. */
static int wdm_user_mdl(PIRP irp, u64 addr, ULONG len, LOCK_OPERATION op)
{
	PMDL mdl = IoAllocateMdl((PVOID)(uintptr_t)addr, len, FALSE, FALSE, irp);
	NTSTATUS status;

	if (!mdl)
		return -ENOMEM;
	status = wdm_mdl_lock(mdl, true, op);
	if (!NT_SUCCESS(status))
		return -EFAULT;
	/* Mapped now, at PASSIVE_LEVEL, so StartIo and DPCs can use it. */
	if (!MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority))
		return -ENOMEM;
	return 0;
}

/*
 * Probe a buffered request's output buffer before the driver runs, as
 * Windows does: a buffer that cannot take the output fails the call
 * with EFAULT rather than after the driver did the work.
 */
static int wdm_probe_output(void __user *buf, size_t len)
{
	if (!len)
		return 0;
	if (!access_ok(buf, len) || fault_in_safe_writeable(buf, len))
		return -EFAULT;
	return 0;
}

static void *wdm_system_buffer(PIRP irp, size_t len)
{
	/* A small one lives in the IRP's own allocation. */
	irp->AssociatedIrp.SystemBuffer = wdm_irp_inline_buffer(irp, len);
	if (irp->AssociatedIrp.SystemBuffer) {
		irp->Flags |= IRP_BUFFERED_IO;
		return irp->AssociatedIrp.SystemBuffer;
	}
	irp->AssociatedIrp.SystemBuffer = kvzalloc(max_t(size_t, len, 1), GFP_KERNEL);
	if (irp->AssociatedIrp.SystemBuffer)
		irp->Flags |= IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER;
	return irp->AssociatedIrp.SystemBuffer;
}

/*
 * Record the outcome of a file's latest request for WDM_IOCTL_LAST_STATUS.
 * Each syscall works on its own copy: requests racing on one file must
 * not see each other's results.
 */
static void wdm_set_last(struct wdm_file *f, const struct wdm_status *st)
{
	mutex_lock(&f->lock);
	f->last = *st;
	mutex_unlock(&f->lock);
}

static ssize_t wdm_rw(struct file *file, char __user *buf, size_t count,
		      loff_t *ppos, UCHAR major)
{
	struct wdm_file *f = file->private_data;
	struct wdm_status st = { 0 };
	struct wdm_call c = { 0 };
	PIO_STACK_LOCATION stack;
	ULONG len = min_t(size_t, count, WDM_MAX_BUFFER);
	long ret;

	c.irp = wdm_call_irp(f, major);
	if (!c.irp)
		return -ENOMEM;
	stack = IoGetNextIrpStackLocation(c.irp);
	stack->Parameters.Read.Length = len;
	stack->Parameters.Read.ByteOffset.QuadPart = *ppos;
	ret = 0;
	if (f->top->Flags & DO_BUFFERED_IO) {
		if (major == IRP_MJ_READ && wdm_probe_output(buf, len)) {
			ret = -EFAULT;
		} else if (!wdm_system_buffer(c.irp, len)) {
			ret = -ENOMEM;
		} else if (major == IRP_MJ_WRITE) {
			if (copy_from_user(c.irp->AssociatedIrp.SystemBuffer, buf, len))
				ret = -EFAULT;
		} else {
			c.copy_to = buf;
			c.copy_len = len;
			c.buffered_out = true;
		}
	} else if (f->top->Flags & DO_DIRECT_IO) {
		if (len)
			ret = wdm_user_mdl(c.irp, (uintptr_t)buf, len,
					   major == IRP_MJ_READ ? IoWriteAccess :
					   IoReadAccess);
	} else {
		c.irp->UserBuffer = (void __force *)buf;
	}
	if (ret) {
		wdm_irp_discard(c.irp);
		st.status = wdm_errno_to_ntstatus(ret);
		wdm_set_last(f, &st);
		return ret;
	}
	atomic_inc(&f->inflight);
	ret = wdm_call(f, &c, &st);
	atomic_dec(&f->inflight);
	/* Never more than was asked for, nor a file position beyond it. */
	if (!ret && st.information > len) {
		wdm_report(wdm_driver_of(f->top->DriverObject)->name,
			   "set Information %llu beyond the %u-byte %s",
			   (unsigned long long)st.information, len,
			   major == IRP_MJ_READ ? "read" : "write");
		st.information = len;
	}
	wdm_set_last(f, &st);
	if (ret && major == IRP_MJ_READ && st.status == STATUS_END_OF_FILE)
		return 0;	/* end of file: read(2) returns 0 */
	if (ret)
		return ret;
	*ppos += st.information;
	return st.information;
}

static ssize_t wdm_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	return wdm_rw(file, buf, count, ppos, IRP_MJ_READ);
}

static ssize_t wdm_write(struct file *file, const char __user *buf,
			 size_t count, loff_t *ppos)
{
	return wdm_rw(file, (char __user *)buf, count, ppos, IRP_MJ_WRITE);
}

static long wdm_ioctl_call(struct wdm_file *f, struct file *file,
			   struct wdm_ioctl __user *uarg)
{
	struct wdm_ioctl a;
	struct wdm_status st;
	struct wdm_call c = { 0 };
	PIO_STACK_LOCATION stack;
	ULONG method, access;
	void *sysbuf;
	long ret = 0;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.size != sizeof(a) || a.reserved)
		return -EINVAL;
	method = METHOD_FROM_CTL_CODE(a.code);
	access = (a.code >> 14) & 3;
	a.information = 0;
	a.status = STATUS_SUCCESS;
	if (((access & FILE_READ_ACCESS) && !(file->f_mode & FMODE_READ)) ||
	    ((access & FILE_WRITE_ACCESS) && !(file->f_mode & FMODE_WRITE))) {
		a.status = STATUS_ACCESS_DENIED;
		ret = -EACCES;
		goto out;
	}
	if (a.in_len > WDM_MAX_BUFFER || a.out_len > WDM_MAX_BUFFER) {
		a.status = STATUS_INVALID_PARAMETER;
		ret = -EINVAL;
		goto out;
	}

	c.irp = wdm_call_irp(f, IRP_MJ_DEVICE_CONTROL);
	if (!c.irp)
		return -ENOMEM;
	stack = IoGetNextIrpStackLocation(c.irp);
	stack->Parameters.DeviceIoControl.IoControlCode = a.code;
	stack->Parameters.DeviceIoControl.InputBufferLength = a.in_len;
	stack->Parameters.DeviceIoControl.OutputBufferLength = a.out_len;
	c.irp->UserBuffer = (PVOID)(uintptr_t)a.out;

	if (method == METHOD_NEITHER) {
		stack->Parameters.DeviceIoControl.Type3InputBuffer =
			(PVOID)(uintptr_t)a.in;
	} else {
		size_t n = method == METHOD_BUFFERED ? max(a.in_len, a.out_len) :
			   a.in_len;

		if (method == METHOD_BUFFERED) {
			c.copy_to = (void __user *)(uintptr_t)a.out;
			c.copy_len = a.out_len;
			c.buffered_out = true;
			ret = wdm_probe_output(c.copy_to, c.copy_len);
		}
		if (!ret && n) {
			sysbuf = wdm_system_buffer(c.irp, n);
			if (!sysbuf)
				ret = -ENOMEM;
			else if (a.in_len &&
				 copy_from_user(sysbuf, (void __user *)(uintptr_t)a.in,
						a.in_len))
				ret = -EFAULT;
		}
		if (!ret && method != METHOD_BUFFERED && a.out_len)
			ret = wdm_user_mdl(c.irp, a.out, a.out_len,
					   method == METHOD_IN_DIRECT ?
					   IoReadAccess : IoWriteAccess);
	}
	if (ret) {
		a.status = wdm_errno_to_ntstatus(ret);
		wdm_irp_discard(c.irp);
		goto out;
	}

	atomic_inc(&f->inflight);
	ret = wdm_call(f, &c, &st);
	atomic_dec(&f->inflight);
	a.status = st.status;
	a.information = st.information;
out:
	st.status = a.status;
	st.reserved = 0;
	st.information = a.information;
	wdm_set_last(f, &st);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return ret;
}

static long wdm_unlocked_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct wdm_file *f = file->private_data;
	struct wdm_status last;

	switch (cmd) {
	case WDM_IOCTL_CALL:
		return wdm_ioctl_call(f, file, (void __user *)arg);
	case WDM_IOCTL_LAST_STATUS:
		mutex_lock(&f->lock);
		last = f->last;
		mutex_unlock(&f->lock);
		return copy_to_user((void __user *)arg, &last, sizeof(last)) ?
		       -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations wdm_fops = {
	.owner = THIS_MODULE,
	.open = wdm_open,
	.flush = wdm_flush,
	.release = wdm_release,
	.read = wdm_read,
	.write = wdm_write,
	.unlocked_ioctl = wdm_unlocked_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = default_llseek,
};

/*
 * The mode of a node: IoCreateDeviceSecure's, else devtmpfs' default
 * for char devices (0600, root).
 */
static char *wdm_devnode(WDM_DEVNODE_CONST struct device *dev, umode_t *mode)
{
	const struct wdm_node *node = dev_get_drvdata(dev);

	if (mode && node && node->mode >= 0)
		*mode = node->mode;
	return NULL;
}

/*
 * Create /dev/@name for a link to @target, with @mode (or the default if
 * negative). Caller holds wdm_io_mutex.
 */
int wdm_chrdev_add(const char *name, PCUNICODE_STRING target, int mode,
		   void **cookie)
{
	struct wdm_node *node = kzalloc(sizeof(*node), GFP_KERNEL);
	int minor;

	if (!node)
		return -ENOMEM;
	node->target.Buffer = kmemdup(target->Buffer, target->Length, GFP_KERNEL);
	if (!node->target.Buffer) {
		kfree(node);
		return -ENOMEM;
	}
	node->target.Length = target->Length;
	node->target.MaximumLength = target->Length;
	node->mode = mode;
	mutex_lock(&wdm_nodes_lock);
	minor = idr_alloc(&wdm_nodes, node, 0, WDM_MINORS, GFP_KERNEL);
	mutex_unlock(&wdm_nodes_lock);
	if (minor < 0)
		goto fail;
	node->minor = minor;
	node->dev = device_create(wdm_class, NULL, MKDEV(MAJOR(wdm_devt), minor),
				  node, "%s", name);
	if (IS_ERR(node->dev)) {
		mutex_lock(&wdm_nodes_lock);
		idr_remove(&wdm_nodes, minor);
		mutex_unlock(&wdm_nodes_lock);
		minor = PTR_ERR(node->dev);
		goto fail;
	}
	*cookie = node;
	return 0;
fail:
	kfree(node->target.Buffer);
	kfree(node);
	return minor;
}

void wdm_chrdev_remove(void *cookie)
{
	struct wdm_node *node = cookie;

	device_destroy(wdm_class, MKDEV(MAJOR(wdm_devt), node->minor));
	mutex_lock(&wdm_nodes_lock);
	idr_remove(&wdm_nodes, node->minor);
	mutex_unlock(&wdm_nodes_lock);
	kfree(node->target.Buffer);
	kfree(node);
}

int wdm_chrdev_init(void)
{
	int ret = alloc_chrdev_region(&wdm_devt, 0, WDM_MINORS, "wdm");

	if (ret)
		return ret;
	cdev_init(&wdm_cdev, &wdm_fops);
	wdm_cdev.owner = THIS_MODULE;
	ret = cdev_add(&wdm_cdev, wdm_devt, WDM_MINORS);
	if (ret)
		goto unregister;
	wdm_class = wdm_class_create("wdm");
	if (IS_ERR(wdm_class)) {
		ret = PTR_ERR(wdm_class);
		cdev_del(&wdm_cdev);
		goto unregister;
	}
	wdm_class->devnode = wdm_devnode;
	return 0;
unregister:
	unregister_chrdev_region(wdm_devt, WDM_MINORS);
	return ret;
}

void wdm_chrdev_exit(void)
{
	class_destroy(wdm_class);
	cdev_del(&wdm_cdev);
	unregister_chrdev_region(wdm_devt, WDM_MINORS);
	idr_destroy(&wdm_nodes);
}
