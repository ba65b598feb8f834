// SPDX-License-Identifier: GPL-2.0
/*
 * io/workitem.c - IO_WORKITEM: a driver routine run at PASSIVE_LEVEL on a
 * Linux workqueue (system_wq). As on Windows, a queued item holds a
 * reference on its device object, dropped after the routine returns, so
 * the routine may free the item. It does not pin the driver's module: an
 * rmmod with work still queued is not refused, the driver's unload waits
 * for the work to run before DriverUnload (wdm_workitems_drain()).
 */
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "io.h"

#define WDM_TAG_WORKITEM 0x6b576f49	/* 'IoWk' */

struct _IO_WORKITEM {
	struct work_struct work;
	spinlock_t lock;		/* queued, free_pending */
	PVOID io_object;		/* the device (or driver) object */
	PDEVICE_OBJECT dev;		/* NULL for a driver object */
	struct wdm_driver *drv;
	PIO_WORKITEM_ROUTINE routine;
	PVOID context;
	bool queued;
	bool free_pending;		/* IoFreeWorkItem while queued */
	bool allocated;			/* by IoAllocateWorkItem */
};

static void wdm_workitem_run(struct work_struct *work)
{
	PIO_WORKITEM item = container_of(work, struct _IO_WORKITEM, work);
	PDEVICE_OBJECT dev = item->dev;
	struct wdm_driver *drv = item->drv;
	PIO_WORKITEM_ROUTINE routine;
	unsigned long flags;
	PVOID obj, ctx;
	bool free_it;

	spin_lock_irqsave(&item->lock, flags);
	item->queued = false;
	free_it = item->free_pending;
	routine = item->routine;
	obj = item->io_object;
	ctx = item->context;
	spin_unlock_irqrestore(&item->lock, flags);
	/* From here on the routine may free or requeue the item. */
	if (free_it)
		wdm_pool_free(_THIS_IP_, item, WDM_TAG_WORKITEM, true);
	else
		routine(obj, ctx);
	if (dev)
		wdm_device_put(dev);
	/* The last thing: an unloading driver goes once the count drops. */
	if (atomic_dec_and_test(&drv->work_items))
		wake_up_all(&drv->irps_wait);
}

static bool wdm_workitem_init(PVOID IoObject, PIO_WORKITEM item,
			      unsigned long ip)
{
	CSHORT type = IoObject ? *(CSHORT *)IoObject : 0;

	memset(item, 0, sizeof(*item));
	if (type == IO_TYPE_DEVICE) {
		item->dev = IoObject;
		item->drv = wdm_device_of(item->dev)->drv;
	} else if (type == IO_TYPE_DRIVER) {
		item->drv = wdm_driver_of(IoObject);
	} else {
		wdm_report(wdm_caller_name(ip),
			   "work item for an object of type %d", type);
		return false;
	}
	item->io_object = IoObject;
	INIT_WORK(&item->work, wdm_workitem_run);
	spin_lock_init(&item->lock);
	return true;
}

/**
 * IoSizeofWorkItem() - the size of an IO_WORKITEM, for drivers that
 * allocate their own and call IoInitializeWorkItem()
 *
 * Return: bytes.
 */
ULONG NTAPI IoSizeofWorkItem(void)
{
	return sizeof(struct _IO_WORKITEM);
}
EXPORT_SYMBOL_WDM(IoSizeofWorkItem);

/**
 * IoInitializeWorkItem() - initialise driver-allocated work item storage
 * @IoObject: the device object (or driver object) the item works for
 * @IoWorkItem: IoSizeofWorkItem() bytes of nonpaged memory
 */
VOID NTAPI IoInitializeWorkItem(PVOID IoObject, PIO_WORKITEM IoWorkItem)
{
	wdm_workitem_init(IoObject, IoWorkItem, _RET_IP_);
}
EXPORT_SYMBOL_WDM(IoInitializeWorkItem);

/**
 * IoUninitializeWorkItem() - end the use of an IoInitializeWorkItem() item
 * @IoWorkItem: the item, not queued (else reported)
 */
VOID NTAPI IoUninitializeWorkItem(PIO_WORKITEM IoWorkItem)
{
	if (READ_ONCE(IoWorkItem->queued))
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on a work item still queued", __func__);
}
EXPORT_SYMBOL_WDM(IoUninitializeWorkItem);

/**
 * IoAllocateWorkItem() - allocate a work item for a device
 * @DeviceObject: the device the item works for
 *
 * Return: the item (charged to the device's driver, tag 'IoWk'), or NULL.
 */
PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
	struct wdm_driver *drv;
	PIO_WORKITEM item;

	if (!DeviceObject || DeviceObject->Type != IO_TYPE_DEVICE) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s without a device object", __func__);
		return NULL;
	}
	drv = wdm_device_of(DeviceObject)->drv;
	item = wdm_pool_alloc(&drv->acct, false, true, false, sizeof(*item),
			      WDM_TAG_WORKITEM);
	if (!item)
		return NULL;
	wdm_workitem_init(DeviceObject, item, _RET_IP_);
	item->allocated = true;
	return item;
}
EXPORT_SYMBOL_WDM(IoAllocateWorkItem);

/**
 * IoFreeWorkItem() - free an IoAllocateWorkItem() item
 * @IoWorkItem: the item; freeing it from its own routine is allowed
 *
 * Freeing a still queued item is reported; it is then freed once its
 * turn comes, without its routine running.
 */
VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
	unsigned long flags;
	bool queued;

	if (!IoWorkItem->allocated) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on a work item IoAllocateWorkItem did not allocate",
			   __func__);
		return;
	}
	spin_lock_irqsave(&IoWorkItem->lock, flags);
	queued = IoWorkItem->queued;
	if (queued)
		IoWorkItem->free_pending = true;
	spin_unlock_irqrestore(&IoWorkItem->lock, flags);
	if (queued) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on a work item still queued", __func__);
		return;
	}
	wdm_pool_free(_RET_IP_, IoWorkItem, WDM_TAG_WORKITEM, true);
}
EXPORT_SYMBOL_WDM(IoFreeWorkItem);

/**
 * IoQueueWorkItem() - run a routine at PASSIVE_LEVEL in a system thread
 * @IoWorkItem: the item, not already queued (else reported and ignored)
 * @WorkerRoutine: called with the item's device object and @Context
 * @QueueType: DelayedWorkQueue, CriticalWorkQueue... (all alike here)
 * @Context: passed to @WorkerRoutine
 *
 * Callable at or below DISPATCH_LEVEL.
 */
VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
			   PIO_WORKITEM_ROUTINE WorkerRoutine,
			   WORK_QUEUE_TYPE QueueType, PVOID Context)
{
	unsigned long flags;
	bool queued;

	if (KeGetCurrentIrql() > DISPATCH_LEVEL)
		wdm_report(wdm_caller_name(_RET_IP_), "%s above DISPATCH_LEVEL",
			   __func__);
	spin_lock_irqsave(&IoWorkItem->lock, flags);
	queued = IoWorkItem->queued || IoWorkItem->free_pending;
	if (!queued) {
		IoWorkItem->queued = true;
		IoWorkItem->routine = WorkerRoutine;
		IoWorkItem->context = Context;
	}
	spin_unlock_irqrestore(&IoWorkItem->lock, flags);
	if (queued) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on a work item already queued", __func__);
		return;
	}
	if (IoWorkItem->dev)
		wdm_device_get(IoWorkItem->dev);
	atomic_inc(&IoWorkItem->drv->work_items);
	queue_work(system_wq, &IoWorkItem->work);
}
EXPORT_SYMBOL_WDM(IoQueueWorkItem);

#define WDM_WORK_DRAIN_TIMEOUT (5 * HZ)

/**
 * wdm_workitems_drain() - wait until every work item @drv queued has run
 * @drv: the driver, unloading
 */
void wdm_workitems_drain(struct wdm_driver *drv)
{
	if (wait_event_timeout(drv->irps_wait, !atomic_read(&drv->work_items),
			       WDM_WORK_DRAIN_TIMEOUT))
		return;
	wdm_report(drv->name, "%d work item(s) still not run at unload; waiting",
		   atomic_read(&drv->work_items));
	wait_event(drv->irps_wait, !atomic_read(&drv->work_items));
}
