// SPDX-License-Identifier: GPL-2.0
/*
 * io/driver.c - driver objects and the life of a hosted driver: load
 * (DriverEntry) and unload (drain, DriverUnload, leak report), in
 * Windows' order.
 */
#include <linux/slab.h>
#include <linux/module.h>
#include <wdmshim/host.h>
#include "io.h"

static LIST_HEAD(wdm_drivers);

/* wdm_driver_name() - the module name of a driver, for reports */
const char *wdm_driver_name(PDRIVER_OBJECT obj)
{
	return obj ? wdm_driver_of(obj)->name : "?";
}

/* Every MajorFunction[] entry a driver does not set. */
static NTSTATUS NTAPI wdm_invalid_request(PDEVICE_OBJECT dev, PIRP irp)
{
	irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
	irp->IoStatus.Information = 0;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return STATUS_INVALID_DEVICE_REQUEST;
}

/* "prefix" + name as a pool-allocated UNICODE_STRING. */
static int wdm_make_name(PUNICODE_STRING out, const char *prefix,
			 const char *name)
{
	size_t lp = strlen(prefix), ln = strlen(name), i;
	WCHAR *buf = kcalloc(lp + ln + 1, sizeof(WCHAR), GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < lp; i++)
		buf[i] = prefix[i];
	for (i = 0; i < ln; i++)
		buf[lp + i] = name[i];
	out->Buffer = buf;
	out->Length = (lp + ln) * sizeof(WCHAR);
	out->MaximumLength = out->Length + sizeof(WCHAR);
	return 0;
}

/* Delete the devices a driver left behind (after DriverUnload or a failed
 * DriverEntry); returns how many there were.
 */
static int wdm_delete_leftover_devices(struct wdm_driver *drv, bool report)
{
	PDEVICE_OBJECT dev;
	int n = 0;

	while ((dev = drv->obj.DeviceObject)) {
		struct wdm_device *d = wdm_device_of(dev);

		if (report) {
			char name[128];

			wdm_format(name, sizeof(name), "%wZ", &d->name);
			wdm_report(drv->name, "device object '%s' left behind at unload",
				   name);
		}
		if (dev->AttachedDevice) {
			mutex_lock(&wdm_io_mutex);
			wdm_detach_locked(dev);
			mutex_unlock(&wdm_io_mutex);
		}
		IoDeleteDevice(dev);
		n++;
	}
	return n;
}

static void wdm_driver_free(struct wdm_driver *drv)
{
	mutex_lock(&wdm_io_mutex);
	list_del(&drv->node);
	mutex_unlock(&wdm_io_mutex);
	wdm_symlinks_remove_driver(drv);
	if (!drv->internal)
		wdm_pool_account_release(&drv->acct);
	kfree(drv->obj.DriverName.Buffer);
	kfree(drv->registry_path.Buffer);
	kfree(drv);
}

/*
 * A driver object named \Driver\<name>, its MajorFunction[] all
 * STATUS_INVALID_DEVICE_REQUEST, on the list of drivers. An @internal
 * one is wdmshim's own (the PnP bus driver): its pool is wdmshim's.
 */
static struct wdm_driver *wdm_driver_alloc(struct module *owner,
					   const char *name, bool internal)
{
	struct wdm_driver *drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	int i, err;

	if (!drv)
		return NULL;
	drv->owner = owner;
	drv->name = name;
	drv->internal = internal;
	init_waitqueue_head(&drv->irps_wait);
	INIT_LIST_HEAD(&drv->node);
	err = wdm_make_name(&drv->obj.DriverName, "\\Driver\\", name);
	if (!err)
		err = wdm_make_name(&drv->registry_path,
				    "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\",
				    name);
	if (err) {
		kfree(drv->obj.DriverName.Buffer);
		kfree(drv);
		return NULL;
	}
	drv->acct.driver = drv;
	if (internal)
		drv->acct.name = name;
	else
		wdm_pool_account_register(&drv->acct, name, owner);
	drv->obj.Type = IO_TYPE_DRIVER;
	drv->obj.Size = sizeof(DRIVER_OBJECT);
	drv->obj.DriverExtension = &drv->ext;
	drv->ext.DriverObject = &drv->obj;
	drv->ext.ServiceKeyName.Buffer = drv->obj.DriverName.Buffer + 8;
	drv->ext.ServiceKeyName.Length = drv->obj.DriverName.Length - 8 * sizeof(WCHAR);
	drv->ext.ServiceKeyName.MaximumLength = drv->ext.ServiceKeyName.Length;
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		drv->obj.MajorFunction[i] = wdm_invalid_request;
	mutex_lock(&wdm_io_mutex);
	list_add_tail(&drv->node, &wdm_drivers);
	mutex_unlock(&wdm_io_mutex);
	return drv;
}

/**
 * wdm_driver_create_internal() - a driver object of wdmshim's own (the PnP
 * bus driver), initialised by @init as a DriverEntry would
 * @name: \Driver\<name>
 * @init: fills in MajorFunction[] & co.
 *
 * Return: the driver, or NULL when memory is short.
 */
struct wdm_driver *wdm_driver_create_internal(const char *name,
					      void (*init)(PDRIVER_OBJECT))
{
	struct wdm_driver *drv = wdm_driver_alloc(THIS_MODULE, name, true);

	if (drv)
		init(&drv->obj);
	return drv;
}

/* wdm_driver_destroy_internal() - delete an internal driver and its devices */
void wdm_driver_destroy_internal(struct wdm_driver *drv)
{
	wdm_delete_leftover_devices(drv, false);
	wdm_driver_free(drv);
}

/**
 * wdm_driver_find() - a hosted driver by its (module) name, referenced
 * through its module
 * @name: the name
 *
 * Return: the driver, with a reference on its module that the caller
 * drops with module_put(), or NULL if no such driver is loaded (or it is
 * unloading).
 */
struct wdm_driver *wdm_driver_find(const char *name)
{
	struct wdm_driver *drv, *found = NULL;

	mutex_lock(&wdm_io_mutex);
	list_for_each_entry(drv, &wdm_drivers, node) {
		if (drv->internal || !drv->loaded || drv->unloading ||
		    strcmp(drv->name, name))
			continue;
		if (try_module_get(drv->owner))
			found = drv;
		break;
	}
	mutex_unlock(&wdm_io_mutex);
	return found;
}

/*
 * What a driver's code left armed or held that would outlive it: timers
 * (they would fire into its unloaded code), interrupts (likewise), I/O
 * mappings and DMA adapters (they would leak). Each is reported.
 */
static void wdm_driver_undo_module(struct wdm_driver *drv)
{
	wdm_timers_cancel_module(drv->owner, drv->name);
	wdm_interrupts_disconnect_module(drv->owner);
	wdm_dma_put_module(drv->owner);
	wdm_iospace_unmap_module(drv->owner);
}

/**
 * wdm_driver_load() - WDM_DRIVER's module_init: create the driver object
 * and run DriverEntry
 * @handle: receives the driver, for wdm_driver_unload()
 * @owner: the hosted driver's module
 * @name: its name (\Driver\<name>, reports, pool accounting)
 * @entry: its DriverEntry
 *
 * Return: 0, or the errno DriverEntry's status maps to (after undoing
 * what it created).
 */
int wdm_driver_load(void **handle, struct module *owner, const char *name,
		    wdm_driver_entry_t *entry)
{
	struct wdm_driver *drv = wdm_driver_alloc(owner, name, false);
	PDEVICE_OBJECT dev;
	NTSTATUS status;
	int err;

	if (!drv)
		return -ENOMEM;
	drv->obj.DriverInit = (PDRIVER_INITIALIZE)entry;
	status = entry(&drv->obj, &drv->registry_path);
	if (!NT_SUCCESS(status)) {
		err = wdm_ntstatus_to_errno(status) ?: -EIO;
		pr_err("wdmshim: %s: DriverEntry failed with status 0x%08x (errno %d)\n",
		       name, status, err);
		wdm_workitems_drain(drv);
		wdm_threads_drain(drv);
		wdm_driver_undo_module(drv);
		wdm_delete_leftover_devices(drv, false);
		wdm_dpc_flush();
		wdm_driver_free(drv);
		return err;
	}
	/* As the I/O manager does for devices created in DriverEntry. */
	for (dev = drv->obj.DeviceObject; dev; dev = dev->NextDevice) {
		dev->Flags &= ~DO_DEVICE_INITIALIZING;
		/* For a DriverStartIo set after IoCreateDevice. */
		wdm_startio_start(wdm_device_of(dev));
	}
	/* A driver without an Unload routine cannot be unloaded on Windows. */
	if (!drv->obj.DriverUnload)
		__module_get(owner);
	*handle = drv;
	mutex_lock(&wdm_io_mutex);
	drv->loaded = true;
	mutex_unlock(&wdm_io_mutex);
	/* A filter that PnP devices' INFs name: their stacks take it now. */
	wdm_pnp_driver_loaded(drv);
	return 0;
}
EXPORT_SYMBOL_WDM(wdm_driver_load);

#define WDM_DRAIN_TIMEOUT (5 * HZ)

/**
 * wdm_driver_unload() - WDM_DRIVER's module_exit: drain, DriverUnload,
 * report leftovers
 * @handle: what wdm_driver_load() stored
 */
void wdm_driver_unload(void *handle)
{
	struct wdm_driver *drv = handle;
	int n;

	mutex_lock(&wdm_io_mutex);
	drv->unloading = true;
	mutex_unlock(&wdm_io_mutex);
	/* PnP stacks it is in (as a filter) are rebuilt without it. */
	wdm_pnp_driver_unloading(drv);
	if (!wait_event_timeout(drv->irps_wait, !atomic_read(&drv->irps),
				WDM_DRAIN_TIMEOUT))
		wdm_report(drv->name, "%d IRP(s) still not completed at unload",
			   atomic_read(&drv->irps));
	/*
	 * DPCs the driver queued run before DriverUnload, and those it
	 * queued while unloading (say, from a timer it cancelled) before its
	 * code goes away.
	 */
	wdm_dpc_flush();
	/* Likewise its work items (each holds the module until it has run). */
	wdm_workitems_drain(drv);
	if (drv->obj.DriverUnload)
		drv->obj.DriverUnload(&drv->obj);
	wdm_driver_undo_module(drv);
	wdm_dpc_flush();
	wdm_workitems_drain(drv);
	/* A driver must wait for its system threads: report, then wait. */
	wdm_threads_drain(drv);
	n = wdm_delete_leftover_devices(drv, true);
	if (n)
		wdm_report(drv->name, "%d device object(s) not deleted by DriverUnload", n);
	wdm_driver_free(drv);
}
EXPORT_SYMBOL_WDM(wdm_driver_unload);
