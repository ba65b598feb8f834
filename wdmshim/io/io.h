/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io/io.h - the I/O manager's private state, shared by the files of io/
 * and mm/, and by the KUnit suites.
 */
#ifndef _WDMSHIM_IO_IO_H
#define _WDMSHIM_IO_IO_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/wdmshim.h>
#include "../wdm_internal.h"

#define WDM_MAX_STACK 16

#define WDM_TAG_IRP	0x20707249	/* 'Irp ' */
#define WDM_TAG_MDL	0x204c444d	/* 'MDL ' */
#define WDM_TAG_IOBUF	0x66754249	/* 'IBuf' */

/* A hosted driver: its DRIVER_OBJECT and what the shim keeps about it. */
struct wdm_driver {
	DRIVER_OBJECT obj;
	DRIVER_EXTENSION ext;
	UNICODE_STRING registry_path;
	struct module *owner;
	const char *name;
	struct wdm_pool_account acct;
	atomic_t irps;			/* IRPs the shim sent it, not yet done */
	wait_queue_head_t irps_wait;	/* also: work_items reaching zero */
	atomic_t work_items;		/* its work items queued, not yet run */
	struct list_head node;		/* in wdm_drivers */
	bool internal;			/* wdmshim's own (the PnP bus driver) */
	bool loaded;			/* DriverEntry succeeded */
	bool unloading;			/* its module is going */
	void *pnp;			/* its PnP registration (pnp/pci.c) */
};

/* A device object and what the shim keeps about it. */
struct wdm_device {
	struct wdm_driver *drv;
	UNICODE_STRING name;		/* \Device\X, or empty */
	struct list_head node;		/* in wdm_devices */
	refcount_t refs;		/* creator's plus each Ob reference */
	bool deleted;			/* IoDeleteDevice called */
	int opens;			/* open files (exclusive devices) */
	struct device *ldev;		/* a PDO's Linux device (DMA, interrupts) */
	/* StartIo (io/startio.c) */
	struct task_struct *sio_thread;	/* serves the device's StartIo */
	wait_queue_head_t sio_wait;	/* the thread's and drainers' */
	spinlock_t sio_lock;		/* sio_irp */
	PIRP sio_irp;			/* the IRP to hand to StartIo */
	bool sio_running;		/* StartIo is running */
	bool sio_deferred;		/* IoSetStartIoAttributes' */
	bool sio_noncancel;
	/* PnP */
	bool removed;			/* its PnP device is gone: no more IRPs */
	int node_mode;			/* IoCreateDeviceSecure's /dev mode, or -1 */
	DEVICE_POWER_STATE power_device;	/* PoSetPowerState's */
	SYSTEM_POWER_STATE power_system;
	DEVOBJ_EXTENSION ext;
	DEVICE_OBJECT dev;
	/* the device extension follows, 16-byte aligned */
};

/* How an IRP came to be, which decides what happens when it completes. */
enum wdm_irp_kind {
	WDM_IRP_DRIVER,		/* IoAllocateIrp: its owner frees it */
	WDM_IRP_USER,		/* a syscall's: the syscall consumes it */
	WDM_IRP_BUILT_SYNC,	/* IoBuild{DeviceIoControl,SynchronousFsd}Request */
	WDM_IRP_BUILT_ASYNC,	/* IoBuildAsynchronousFsdRequest */
};

#define WDM_IRP_MAGIC 0x57495250	/* "WIRP" */
#define WDM_IRP_ALLOCATED 0x80		/* AllocationFlags: IoAllocateIrp'd */

/* Bookkeeping in front of every IRP IoAllocateIrp() returns. */
struct wdm_irp {
	u32 magic;
	enum wdm_irp_kind kind;
	struct wdm_driver *target;	/* driver a syscall IRP was sent to */
	atomic_t refs;			/* its syscall's, its completion's */
	spinlock_t lock;		/* completed vs detached */
	bool completed;			/* the completion walk reached the top */
	bool detached;			/* its syscall gave up on it */
	struct completion done;
	struct work_struct release_work; /* frees it from atomic context */
	struct list_head file_node;	/* in its file's pending list */
	/* IoBuild*Request: where buffered output goes back to */
	void *copy_back;
	ULONG copy_back_len;
	bool cached;			/* from wdm_irp_cache, not the pool */
	struct wdm_file *file;		/* a detached IRP's file, referenced */
	IRP irp;
	/* stack locations follow; for a cached IRP, then WDM_IRP_INLINE bytes
	 * a small system buffer can use (wdm_irp_inline_buffer())
	 */
};

/*
 * A syscall's IRP (stack of at most WDM_IRP_CACHE_STACK locations) comes
 * from a slab cache, as Windows' IRPs come from lookaside lists, with room
 * for a system buffer of up to WDM_IRP_INLINE bytes: one allocation per
 * request instead of three (block, tracking, buffer).
 */
#define WDM_IRP_CACHE_STACK	8
#define WDM_IRP_INLINE		256
void *wdm_irp_inline_buffer(PIRP irp, size_t len);
int wdm_irp_init(void);
void wdm_irp_exit(void);

static inline struct wdm_irp *wdm_irp_of(PIRP irp)
{
	struct wdm_irp *w;

	if (!(irp->AllocationFlags & WDM_IRP_ALLOCATED))
		return NULL;
	w = container_of(irp, struct wdm_irp, irp);
	return w->magic == WDM_IRP_MAGIC ? w : NULL;
}

static inline struct wdm_device *wdm_device_of(PDEVICE_OBJECT dev)
{
	return container_of(dev, struct wdm_device, dev);
}

static inline struct wdm_driver *wdm_driver_of(PDRIVER_OBJECT obj)
{
	return container_of(obj, struct wdm_driver, obj);
}

/* An open file: its FILE_OBJECT and the stack it talks to. */
struct wdm_file {
	FILE_OBJECT fo;
	PDEVICE_OBJECT named;		/* the device the link names */
	PDEVICE_OBJECT top;		/* top of its stack at open */
	struct module *mods[WDM_MAX_STACK];
	int nmods;
	atomic_t inflight;		/* syscalls in progress on the file */
	bool cleanup_sent;
	refcount_t refs;		/* its handle's, plus Ob references */
	KPROCESSOR_MODE mode;		/* UserMode: a syscall's file */
	struct mutex lock;		/* cleanup_sent, last */
	struct wdm_status last;		/* last read/write/call outcome */
};

/* The IRP of a syscall and what the syscall must undo afterwards. */
struct wdm_call {
	PIRP irp;
	struct wdm_irp *w;
	void __user *copy_to;		/* buffered output goes back here */
	ULONG copy_len;
	bool buffered_out;		/* Information is clamped to copy_len */
};

static inline struct wdm_file *wdm_file_of(PFILE_OBJECT fo)
{
	return container_of(fo, struct wdm_file, fo);
}

int wdm_file_open(PDEVICE_OBJECT named, bool read, bool write,
		  KPROCESSOR_MODE mode, struct wdm_file **out);
void wdm_file_cleanup(struct wdm_file *f);
void wdm_file_get(struct wdm_file *f);
void wdm_file_put(struct wdm_file *f);
PIRP wdm_call_irp(struct wdm_file *f, UCHAR major);
long wdm_call(struct wdm_file *f, struct wdm_call *c, struct wdm_status *out);
int wdm_simple_call(struct wdm_file *f, UCHAR major);

const char *wdm_driver_name(PDRIVER_OBJECT obj);
void wdm_irp_put(struct wdm_irp *w);
PIRP wdm_irp_alloc(struct wdm_pool_account *acct, CCHAR stack_size,
		   enum wdm_irp_kind kind);
void wdm_irp_release_buffers(PIRP irp);
void wdm_irp_discard(PIRP irp);

/* One IRP the shim sent to @drv is done with. */
static inline void wdm_driver_irp_done(struct wdm_driver *drv)
{
	/* Only an unloading driver waits: no wake-up (and its lock) else. */
	if (atomic_dec_and_test(&drv->irps) && wq_has_sleeper(&drv->irps_wait))
		wake_up(&drv->irps_wait);
}

extern struct mutex wdm_io_mutex;
PDEVICE_OBJECT wdm_find_device(PCUNICODE_STRING name);
void wdm_device_get(PDEVICE_OBJECT dev);
void wdm_device_put(PDEVICE_OBJECT dev);
PDEVICE_OBJECT wdm_top_of_stack(PDEVICE_OBJECT dev);
void wdm_detach_locked(PDEVICE_OBJECT lower);

/* MDLs (mm/mdl.c) */
NTSTATUS wdm_mdl_lock(PMDL mdl, bool user, LOCK_OPERATION op);
struct page *wdm_mdl_page(PMDL mdl, unsigned int index);

void wdm_symlinks_remove_driver(struct wdm_driver *drv);
void wdm_workitems_drain(struct wdm_driver *drv);

/* System threads (ps/thread.c) */
void wdm_threads_drain(struct wdm_driver *drv);
void wdm_thread_get(PVOID object);
void wdm_thread_put(PVOID object);
NTSTATUS wdm_thread_exit_status(PVOID object);
void wdm_cancel_init(void);

/* StartIo threads (io/startio.c) */
void wdm_startio_init(struct wdm_device *d);
int wdm_startio_start(struct wdm_device *d);
void wdm_startio_stop(struct wdm_device *d);

/* Char devices (io/chrdev.c) */
int wdm_chrdev_init(void);
void wdm_chrdev_exit(void);
int wdm_chrdev_add(const char *node, PCUNICODE_STRING target, int mode,
		   void **cookie);
int wdm_device_node_mode(PCUNICODE_STRING name);

/* Device security (io/security.c) */
int wdm_sddl_mode(PCUNICODE_STRING sddl);
void wdm_chrdev_remove(void *cookie);

/* Driver objects (io/driver.c) */
struct wdm_driver *wdm_driver_create_internal(const char *name,
					      void (*init)(PDRIVER_OBJECT));
void wdm_driver_destroy_internal(struct wdm_driver *drv);
struct wdm_driver *wdm_driver_find(const char *name);

/* Plug and Play (pnp/) */
void wdm_pnp_driver_loaded(struct wdm_driver *drv);
void wdm_pnp_driver_unloading(struct wdm_driver *drv);
bool wdm_pnp_may_open_locked(PDEVICE_OBJECT dev);
void wdm_pnp_file_closed(PDEVICE_OBJECT dev);
struct dentry;
void wdm_pnp_debugfs(struct dentry *dir);
int wdm_pnp_init(void);
void wdm_pnp_exit(void);

int wdm_io_init(void);
void wdm_io_exit(void);

#endif /* _WDMSHIM_IO_IO_H */
