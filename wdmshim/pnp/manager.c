// SPDX-License-Identifier: GPL-2.0
/*
 * pnp/manager.c - the PnP manager: devnodes, building a device stack with
 * the drivers' AddDevice routines, starting it with IRP_MN_START_DEVICE,
 * and tearing it down (DESIGN.md section 4, "Objects, PnP, unload").
 *
 * Arrival: the bus (pnp/pci.c, or root enumeration for KUnit) fills a
 * devnode with IDs and resources; wdm_devnode_start() creates the PDO,
 * calls AddDevice of the lower filters, the function driver and the
 * upper filters its INF names (in that order, each attaching over the
 * stack so far), sends IRP_MN_QUERY_CAPABILITIES and then
 * IRP_MN_START_DEVICE with the raw and translated resource lists. A
 * failing AddDevice or START_DEVICE removes what was built
 * (IRP_MN_REMOVE_DEVICE) and fails the arrival.
 *
 * Removal: wdm_devnode_remove() sends IRP_MN_QUERY_REMOVE_DEVICE then
 * IRP_MN_REMOVE_DEVICE while the hardware still answers and no file is
 * open on the stack. If the hardware vanished (or the debugfs switch
 * pnp_force_surprise_removal is set), or files are still open - Linux
 * takes the device away when its remove callback returns, whatever the
 * driver thinks - it sends IRP_MN_SURPRISE_REMOVAL, and IRP_MN_REMOVE_DEVICE
 * follows when the last file on the stack is closed, as on Windows. From
 * the removal on, the stack takes no new open; requests on files still
 * open still reach the drivers (which fail them, the device being gone)
 * until IRP_MN_REMOVE_DEVICE, and fail with STATUS_DELETE_PENDING after.
 * After IRP_MN_REMOVE_DEVICE each driver must have detached and deleted
 * its device; one left attached is reported and detached, and the PDO is
 * deleted.
 *
 * PnP IRPs are sent at PASSIVE_LEVEL, one at a time per devnode
 * (wdm_pnp_mutex serialises them all), and waited for.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "pnp.h"

/* \Driver\WdmPnp, owner of every PDO (exported for the KUnit suites) */
struct wdm_driver *wdm_pnp_bus;
EXPORT_SYMBOL_WDM(wdm_pnp_bus);
/* Serialises PnP IRPs, devnode states and the devnode list. */
DEFINE_MUTEX(wdm_pnp_mutex);
/* Guards devnode->bus and a PDO's devnode pointer for config-space access
 * (any IRQL, and from drivers inside a PnP IRP, under wdm_pnp_mutex).
 */
DEFINE_SPINLOCK(wdm_pnp_bus_lock);
static LIST_HEAD(wdm_devnodes);
static atomic_t wdm_pdo_number = ATOMIC_INIT(0);
bool wdm_pnp_force_surprise;

/* --- devnodes ----------------------------------------------------------- */

/**
 * wdm_devnode_alloc() - a devnode with room for @resource_count resources
 * @name: the Linux device's name, for reports
 * @bus: its bus type (PCIBus, Internal...)
 * @resource_count: the most resources it will get
 *
 * Return: the devnode, or NULL when memory is short.
 */
struct wdm_devnode *wdm_devnode_alloc(const char *name, INTERFACE_TYPE bus,
				      ULONG resource_count)
{
	struct wdm_devnode *n = kzalloc(sizeof(*n), GFP_KERNEL);
	ULONG size = sizeof(CM_RESOURCE_LIST) +
		     (max_t(ULONG, resource_count, 1) - 1) *
		     sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR);

	if (!n)
		return NULL;
	strscpy(n->name, name, sizeof(n->name));
	INIT_LIST_HEAD(&n->node);
	INIT_LIST_HEAD(&n->interfaces);
	n->bus_type = bus;
	n->resources_size = size;
	n->raw = kzalloc(size, GFP_KERNEL);
	n->translated = kzalloc(size, GFP_KERNEL);
	if (!n->raw || !n->translated) {
		wdm_devnode_free(n);
		return NULL;
	}
	n->raw->Count = 1;
	n->raw->List[0].InterfaceType = bus;
	n->raw->List[0].PartialResourceList.Version = 1;
	n->raw->List[0].PartialResourceList.Revision = 1;
	memcpy(n->translated, n->raw, sizeof(CM_RESOURCE_LIST));
	return n;
}

/**
 * wdm_devnode_add_resource() - append one resource to both lists
 * @n: the devnode
 * @type: CmResourceType*
 *
 * Return: the raw descriptor; the translated one is at the same index of
 * @n->translated (its Type set too). The caller fills both in.
 */
PCM_PARTIAL_RESOURCE_DESCRIPTOR wdm_devnode_add_resource(struct wdm_devnode *n,
							 UCHAR type)
{
	PCM_PARTIAL_RESOURCE_LIST raw = &n->raw->List[0].PartialResourceList;
	PCM_PARTIAL_RESOURCE_LIST tr = &n->translated->List[0].PartialResourceList;
	ULONG i = raw->Count++;

	tr->Count++;
	raw->PartialDescriptors[i].Type = type;
	tr->PartialDescriptors[i].Type = type;
	return &raw->PartialDescriptors[i];
}

/* kfree, but for the IDs' strings also. */
void wdm_devnode_free(struct wdm_devnode *n)
{
	kfree(n->device_id);
	kfree(n->hardware_ids);
	kfree(n->compatible_ids);
	kfree(n->instance_id);
	kfree(n->description);
	kfree(n->location);
	kfree(n->raw);
	kfree(n->translated);
	kfree(n);
}

/* "a", "b", NULL as the multi-sz L"a\0b\0\0"; or one string (@multi false). */
static WCHAR *wdm_wide(const char *const *s, bool multi)
{
	size_t len = 1, i, j, k = 0;
	WCHAR *w;

	for (i = 0; s && s[i]; i++)
		len += strlen(s[i]) + 1;
	w = kcalloc(len + 1, sizeof(WCHAR), GFP_KERNEL);
	if (!w)
		return NULL;
	for (i = 0; s && s[i]; i++) {
		for (j = 0; s[i][j]; j++)
			w[k++] = (unsigned char)s[i][j];
		if (!multi)
			break;
		w[k++] = 0;
	}
	return w;
}

/**
 * wdm_devnode_string_bytes() - the size of one of a devnode's strings
 * @s: the string (NULL: none)
 * @multi: a multi-sz (its double NUL counted), else one string (its NUL)
 *
 * Return: bytes, terminators included; 0 for NULL.
 */
size_t wdm_devnode_string_bytes(const WCHAR *s, bool multi)
{
	size_t n = 0;

	if (!s)
		return 0;
	while (s[n] || (multi && s[n + 1]))
		n++;
	return (n + (multi ? 2 : 1)) * sizeof(WCHAR);
}

/**
 * wdm_devnode_set_ids() - a devnode's IDs, as ASCII
 * @n: the devnode
 * @hardware_ids: most specific first; the first is also its device ID
 * @compatible_ids: may be NULL
 * @instance: its instance ID
 * @description: its description
 * @location: its location information
 *
 * Return: 0 or -ENOMEM.
 */
int wdm_devnode_set_ids(struct wdm_devnode *n, const char *const *hardware_ids,
			const char *const *compatible_ids, const char *instance,
			const char *description, const char *location)
{
	const char *const inst[] = { instance, NULL };
	const char *const desc[] = { description, NULL };
	const char *const loc[] = { location, NULL };

	n->device_id = wdm_wide(hardware_ids, false);
	n->hardware_ids = wdm_wide(hardware_ids, true);
	n->compatible_ids = wdm_wide(compatible_ids, true);
	n->instance_id = wdm_wide(inst, false);
	n->description = wdm_wide(desc, false);
	n->location = wdm_wide(loc, false);
	if (!n->device_id || !n->hardware_ids || !n->compatible_ids ||
	    !n->instance_id || !n->description || !n->location)
		return -ENOMEM;
	return 0;
}

/**
 * wdm_devnode_of() - the devnode of the stack @dev is in, if a PnP one
 * @dev: any device of the stack
 *
 * Return: the devnode, or NULL for a stack without a PDO.
 */
struct wdm_devnode *wdm_devnode_of(PDEVICE_OBJECT dev)
{
	while (dev->DeviceObjectExtension->AttachedTo)
		dev = dev->DeviceObjectExtension->AttachedTo;
	if (wdm_device_of(dev)->drv != wdm_pnp_bus)
		return NULL;
	return wdm_devnode_of_pdo(dev);	/* NULL once the PDO is deleted */
}

/* --- PnP IRPs --------------------------------------------------------- */

static NTSTATUS NTAPI wdm_pnp_done(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	KeSetEvent(ctx, IO_NO_INCREMENT, FALSE);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

/**
 * wdm_pnp_call() - send a PnP IRP to the top of a devnode's stack and wait
 * @pdo: the PDO of the stack
 * @minor: IRP_MN_*
 * @args: Parameters to copy into the IRP's first stack location, or NULL
 * @info: receives IoStatus.Information, or NULL
 *
 * The IRP starts with STATUS_NOT_SUPPORTED, as the PnP manager's do, so a
 * driver that passes a request it does not handle down leaves it so.
 *
 * Return: the IRP's final status.
 */
NTSTATUS wdm_pnp_call(PDEVICE_OBJECT pdo, UCHAR minor, PIO_STACK_LOCATION args,
		      unsigned long *info)
{
	PDEVICE_OBJECT top = IoGetAttachedDeviceReference(pdo);
	PIO_STACK_LOCATION stack;
	NTSTATUS status;
	KEVENT done;
	PIRP irp;

	irp = IoAllocateIrp(top->StackSize, FALSE);
	if (!irp) {
		ObDereferenceObject(top);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
	stack = IoGetNextIrpStackLocation(irp);
	if (args)
		stack->Parameters = args->Parameters;
	stack->MajorFunction = IRP_MJ_PNP;
	stack->MinorFunction = minor;
	KeInitializeEvent(&done, NotificationEvent, FALSE);
	IoSetCompletionRoutine(irp, wdm_pnp_done, &done, TRUE, TRUE, TRUE);
	/* The completion routine runs either way: wait for it. */
	IoCallDriver(top, irp);
	KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
	status = irp->IoStatus.Status;
	if (info)
		*info = irp->IoStatus.Information;
	IoFreeIrp(irp);
	ObDereferenceObject(top);
	return status;
}
EXPORT_SYMBOL_WDM(wdm_pnp_call);

/* --- building and starting a stack ------------------------------------- */

/* Call @drv's AddDevice for @n; its device becomes the top of the stack. */
static NTSTATUS wdm_pnp_add_device(struct wdm_devnode *n, struct wdm_driver *drv)
{
	PDRIVER_ADD_DEVICE add = drv->ext.AddDevice;
	PDEVICE_OBJECT before, top;
	NTSTATUS status;

	if (!add) {
		wdm_report(drv->name, "a PnP driver without AddDevice");
		return STATUS_INVALID_DEVICE_REQUEST;
	}
	before = IoGetAttachedDeviceReference(n->pdo);
	status = add(&drv->obj, n->pdo);
	top = IoGetAttachedDeviceReference(n->pdo);
	if (NT_SUCCESS(status) && top == before)
		pr_info("wdmshim: %s: AddDevice for %s attached no device\n",
			drv->name, n->name);
	if (NT_SUCCESS(status) && top != before) {
		if (wdm_device_of(top)->drv != drv)
			wdm_report(drv->name, "AddDevice attached another driver's device");
		if (top->Flags & DO_DEVICE_INITIALIZING) {
			wdm_report(drv->name,
				   "AddDevice left DO_DEVICE_INITIALIZING set on its device");
			top->Flags &= ~DO_DEVICE_INITIALIZING;
		}
	}
	ObDereferenceObject(top);
	ObDereferenceObject(before);
	if (NT_SUCCESS(status) && n->ndrivers < WDM_PNP_MAX_STACK)
		n->drivers[n->ndrivers++] = drv;
	return status;
}

/* AddDevice of the filters @names (those loaded), in order. */
static NTSTATUS wdm_pnp_add_filters(struct wdm_devnode *n,
				    const char *const *names)
{
	struct wdm_driver *filter;
	NTSTATUS status;

	for (; names && *names; names++) {
		filter = wdm_driver_find(*names);
		if (!filter) {
			pr_info("wdmshim: %s: filter %s is not loaded: the stack goes without it\n",
				n->name, *names);
			continue;
		}
		status = wdm_pnp_add_device(n, filter);
		module_put(filter->owner);
		if (!NT_SUCCESS(status)) {
			pr_err("wdmshim: %s: AddDevice of filter %s failed: 0x%08x\n",
			       n->name, filter->name, status);
			return status;
		}
	}
	return STATUS_SUCCESS;
}

/* Devices other than the PDO still attached: detach them (reported). */
static void wdm_pnp_detach_leftovers(struct wdm_devnode *n)
{
	PDEVICE_OBJECT above;

	while ((above = n->pdo->AttachedDevice) != NULL) {
		wdm_report(wdm_device_of(above)->drv->name,
			   "device still attached after IRP_MN_REMOVE_DEVICE: detached");
		IoDetachDevice(n->pdo);
	}
}

static void wdm_pnp_mark_removed(struct wdm_devnode *n)
{
	PDEVICE_OBJECT dev;

	mutex_lock(&wdm_io_mutex);
	for (dev = n->pdo; dev; dev = dev->AttachedDevice)
		wdm_device_of(dev)->removed = true;
	mutex_unlock(&wdm_io_mutex);
}

/* IRP_MN_REMOVE_DEVICE, then the PDO goes. Caller holds wdm_pnp_mutex. */
static void wdm_pnp_finish_remove(struct wdm_devnode *n)
{
	NTSTATUS status;

	wdm_pnp_mark_removed(n);
	wdm_interfaces_remove(n);
	status = wdm_pnp_call(n->pdo, IRP_MN_REMOVE_DEVICE, NULL, NULL);
	if (!NT_SUCCESS(status))
		wdm_report(n->function ? n->function->name : n->name,
			   "IRP_MN_REMOVE_DEVICE failed (0x%08x): it may not fail", status);
	WRITE_ONCE(n->state, WDM_DN_REMOVED);
	wdm_pnp_detach_leftovers(n);
	list_del_init(&n->node);
	spin_lock_irq(&wdm_pnp_bus_lock);
	((struct wdm_pdo_ext *)n->pdo->DeviceExtension)->devnode = NULL;
	spin_unlock_irq(&wdm_pnp_bus_lock);
	IoDeleteDevice(n->pdo);
	n->pdo = NULL;
	wdm_devnode_free(n);
}

/* Files open on any device of the stack. Caller holds wdm_io_mutex. */
static int wdm_pnp_opens_locked(struct wdm_devnode *n)
{
	PDEVICE_OBJECT dev;
	int opens = 0;

	for (dev = n->pdo; dev; dev = dev->AttachedDevice)
		opens += wdm_device_of(dev)->opens;
	return opens;
}

/* Files open on any device of the stack. Caller holds wdm_pnp_mutex. */
static int wdm_pnp_opens(struct wdm_devnode *n)
{
	int opens;

	mutex_lock(&wdm_io_mutex);
	opens = wdm_pnp_opens_locked(n);
	mutex_unlock(&wdm_io_mutex);
	return opens;
}

/**
 * wdm_devnode_start() - create the PDO, build the stack, start it
 * @n: the devnode, its IDs and resources filled in
 * @function: the function driver
 * @ids: @function's INF (its filters)
 *
 * On failure the devnode is freed.
 *
 * Return: 0, or a negative errno (the failed status' errno).
 */
int wdm_devnode_start(struct wdm_devnode *n, struct wdm_driver *function,
		      const struct wdm_pnp_ids *ids)
{
	IO_STACK_LOCATION args;
	DEVICE_CAPABILITIES caps;
	UNICODE_STRING name;
	WCHAR wname[32];
	char buf[32];
	NTSTATUS status;
	int i, len;

	might_sleep();
	len = snprintf(buf, sizeof(buf), "\\Device\\WdmPnp%04u",
		       atomic_inc_return(&wdm_pdo_number));
	for (i = 0; i <= len; i++)
		wname[i] = buf[i];
	RtlInitUnicodeString(&name, wname);

	mutex_lock(&wdm_pnp_mutex);
	status = IoCreateDevice(&wdm_pnp_bus->obj, sizeof(struct wdm_pdo_ext), &name,
				FILE_DEVICE_UNKNOWN, 0, FALSE, &n->pdo);
	if (!NT_SUCCESS(status)) {
		mutex_unlock(&wdm_pnp_mutex);
		wdm_devnode_free(n);
		return wdm_ntstatus_to_errno(status);
	}
	((struct wdm_pdo_ext *)n->pdo->DeviceExtension)->devnode = n;
	wdm_device_of(n->pdo)->ldev = n->ldev;
	n->pdo->Flags |= DO_BUS_ENUMERATED_DEVICE | DO_POWER_PAGABLE;
	n->pdo->Flags &= ~DO_DEVICE_INITIALIZING;
	n->function = function;
	n->ids = ids;
	list_add_tail(&n->node, &wdm_devnodes);

	status = wdm_pnp_add_filters(n, ids->lower_filters);
	if (NT_SUCCESS(status)) {
		status = wdm_pnp_add_device(n, function);
		if (!NT_SUCCESS(status))
			pr_err("wdmshim: %s: AddDevice of %s failed: 0x%08x\n",
			       n->name, function->name, status);
	}
	if (NT_SUCCESS(status))
		status = wdm_pnp_add_filters(n, ids->upper_filters);
	if (!NT_SUCCESS(status))
		goto remove;

	memset(&caps, 0, sizeof(caps));
	caps.Size = sizeof(caps);
	caps.Version = 1;
	caps.Address = ~0U;
	caps.UINumber = ~0U;
	memset(&args, 0, sizeof(args));
	args.Parameters.DeviceCapabilities.Capabilities = &caps;
	status = wdm_pnp_call(n->pdo, IRP_MN_QUERY_CAPABILITIES, &args, NULL);
	if (!NT_SUCCESS(status)) {
		pr_err("wdmshim: %s: IRP_MN_QUERY_CAPABILITIES failed: 0x%08x\n",
		       n->name, status);
		goto remove;
	}

	memset(&args, 0, sizeof(args));
	args.Parameters.StartDevice.AllocatedResources = n->raw;
	args.Parameters.StartDevice.AllocatedResourcesTranslated = n->translated;
	status = wdm_pnp_call(n->pdo, IRP_MN_START_DEVICE, &args, NULL);
	if (!NT_SUCCESS(status)) {
		pr_err("wdmshim: %s: IRP_MN_START_DEVICE failed: 0x%08x\n",
		       n->name, status);
		goto remove;
	}
	WRITE_ONCE(n->state, WDM_DN_STARTED);
	mutex_unlock(&wdm_pnp_mutex);
	pr_info("wdmshim: %s: started: %d driver(s) over %s\n", n->name,
		n->ndrivers, buf);
	return 0;

remove:
	/* As Windows: what was built gets IRP_MN_REMOVE_DEVICE. */
	wdm_pnp_finish_remove(n);
	mutex_unlock(&wdm_pnp_mutex);
	return wdm_ntstatus_to_errno(status) ?: -EIO;
}

/**
 * wdm_devnode_remove() - the device is going: tear its stack down
 * @n: the devnode (freed, now or when its last file closes)
 * @surprise: the hardware no longer answers
 */
void wdm_devnode_remove(struct wdm_devnode *n, bool surprise)
{
	NTSTATUS status;

	might_sleep();
	mutex_lock(&wdm_pnp_mutex);
	/* Under wdm_io_mutex: an open either sees it or is counted below. */
	mutex_lock(&wdm_io_mutex);
	WRITE_ONCE(n->state, WDM_DN_REMOVING);
	mutex_unlock(&wdm_io_mutex);
	n->surprise = surprise || READ_ONCE(wdm_pnp_force_surprise) ||
		      wdm_pnp_opens(n);
	pr_info("wdmshim: %s: %s removal%s\n", n->name,
		n->surprise ? "surprise" : "orderly",
		surprise ? " (the device is gone)" :
		READ_ONCE(wdm_pnp_force_surprise) ? " (forced by debugfs)" :
		n->surprise ? " (files are open)" : "");
	/* No new opens: its interfaces and their nodes go. */
	wdm_interfaces_remove(n);
	if (!n->surprise) {
		status = wdm_pnp_call(n->pdo, IRP_MN_QUERY_REMOVE_DEVICE, NULL, NULL);
		if (!NT_SUCCESS(status)) {
			/* Linux's remove cannot be vetoed: surprise it is. */
			pr_info("wdmshim: %s: IRP_MN_QUERY_REMOVE_DEVICE failed (0x%08x): surprise removal\n",
				n->name, status);
			wdm_pnp_call(n->pdo, IRP_MN_CANCEL_REMOVE_DEVICE, NULL, NULL);
			n->surprise = true;
		}
	}
	if (n->surprise) {
		status = wdm_pnp_call(n->pdo, IRP_MN_SURPRISE_REMOVAL, NULL, NULL);
		if (!NT_SUCCESS(status))
			wdm_report(n->function->name,
				   "IRP_MN_SURPRISE_REMOVAL failed (0x%08x): it may not fail",
				   status);
	}
	/* The Linux device is going whatever happens next. */
	n->ldev = NULL;
	spin_lock_irq(&wdm_pnp_bus_lock);
	n->bus = NULL;
	spin_unlock_irq(&wdm_pnp_bus_lock);
	wdm_device_of(n->pdo)->ldev = NULL;
	if (n->surprise) {
		bool pending;

		/* With the count: a last close after this finds it pending. */
		mutex_lock(&wdm_io_mutex);
		pending = wdm_pnp_opens_locked(n) > 0;
		WRITE_ONCE(n->remove_pending, pending);
		mutex_unlock(&wdm_io_mutex);
		if (pending) {
			/* IRP_MN_REMOVE_DEVICE when the last file closes. */
			pr_info("wdmshim: %s: surprise-removed; removal completes when its files close\n",
				n->name);
			mutex_unlock(&wdm_pnp_mutex);
			return;
		}
	}
	wdm_pnp_finish_remove(n);
	mutex_unlock(&wdm_pnp_mutex);
}

/* Surprise-removed stacks whose last file closed: IRP_MN_REMOVE_DEVICE. */
static void wdm_pnp_reap(struct work_struct *work)
{
	struct wdm_devnode *n, *tmp;

	mutex_lock(&wdm_pnp_mutex);
	list_for_each_entry_safe(n, tmp, &wdm_devnodes, node)
		if (n->remove_pending && !wdm_pnp_opens(n))
			wdm_pnp_finish_remove(n);
	mutex_unlock(&wdm_pnp_mutex);
}

static DECLARE_WORK(wdm_pnp_reaper, wdm_pnp_reap);

/**
 * wdm_pnp_file_closed() - a file on @dev closed: a surprise-removed stack
 * whose last file this was gets its IRP_MN_REMOVE_DEVICE (from a worker:
 * the closer may be a driver inside a PnP IRP)
 * @dev: the device the file was opened on
 */
void wdm_pnp_file_closed(PDEVICE_OBJECT dev)
{
	struct wdm_devnode *n;

	mutex_lock(&wdm_io_mutex);
	n = wdm_devnode_of(dev);
	if (n && READ_ONCE(n->remove_pending))
		schedule_work(&wdm_pnp_reaper);
	mutex_unlock(&wdm_io_mutex);
}

/**
 * wdm_pnp_may_open_locked() - whether a file may be opened on @dev: not
 * once the removal of its PnP device began. Caller holds wdm_io_mutex.
 * @dev: the device being opened
 *
 * Return: true, or false for a stack being (or already) removed.
 */
bool wdm_pnp_may_open_locked(PDEVICE_OBJECT dev)
{
	struct wdm_devnode *n;

	lockdep_assert_held(&wdm_io_mutex);
	while (dev->DeviceObjectExtension->AttachedTo)
		dev = dev->DeviceObjectExtension->AttachedTo;
	if (wdm_device_of(dev)->drv != wdm_pnp_bus)
		return true;
	n = wdm_devnode_of_pdo(dev);
	return n && READ_ONCE(n->state) == WDM_DN_STARTED &&
	       !wdm_device_of(dev)->deleted;
}

/* --- drivers coming and going ------------------------------------------ */

static bool wdm_names_have(const char *const *names, const char *name)
{
	for (; names && *names; names++)
		if (!strcmp(*names, name))
			return true;
	return false;
}

static bool wdm_devnode_has(struct wdm_devnode *n, struct wdm_driver *drv)
{
	int i;

	for (i = 0; i < n->ndrivers; i++)
		if (n->drivers[i] == drv)
			return true;
	return false;
}

/*
 * Rebuild the stacks @want selects (a filter came or goes): each devnode's
 * device is re-probed by its bus.
 */
static void wdm_pnp_rebuild(struct wdm_driver *drv, bool coming)
{
	struct wdm_devnode *n;
	struct device *devs[16];
	bool more = false;
	int i, count = 0;

	mutex_lock(&wdm_pnp_mutex);
	list_for_each_entry(n, &wdm_devnodes, node) {
		bool named = n->ids &&
			     (wdm_names_have(n->ids->upper_filters, drv->name) ||
			      wdm_names_have(n->ids->lower_filters, drv->name));

		if (n->state != WDM_DN_STARTED || !n->ldev || !named ||
		    wdm_devnode_has(n, drv) == coming)
			continue;
		if (count == ARRAY_SIZE(devs)) {
			more = true;
			break;
		}
		devs[count++] = get_device(n->ldev);
	}
	mutex_unlock(&wdm_pnp_mutex);
	for (i = 0; i < count; i++) {
		pr_info("wdmshim: %s: filter %s %s: rebuilding its stack\n",
			dev_name(devs[i]), drv->name, coming ? "loaded" : "unloading");
		if (device_reprobe(devs[i]) < 0)
			pr_err("wdmshim: %s: cannot re-probe\n", dev_name(devs[i]));
		put_device(devs[i]);
	}
	if (more)		/* the rebuilt ones no longer match */
		wdm_pnp_rebuild(drv, coming);
}

/* wdm_pnp_driver_loaded() - a driver loaded: stacks naming it take it */
void wdm_pnp_driver_loaded(struct wdm_driver *drv)
{
	if (drv->ext.AddDevice)
		wdm_pnp_rebuild(drv, true);
}

/* wdm_pnp_driver_unloading() - a driver unloads: stacks it is in lose it */
void wdm_pnp_driver_unloading(struct wdm_driver *drv)
{
	struct wdm_devnode *n, *found;

	/* A removal its last file's close left to the worker: done first. */
	flush_work(&wdm_pnp_reaper);
	if (!drv->ext.AddDevice)
		return;
	wdm_pnp_rebuild(drv, false);
	/* What no bus can re-probe (root-enumerated) just goes. */
	do {
		found = NULL;
		mutex_lock(&wdm_pnp_mutex);
		list_for_each_entry(n, &wdm_devnodes, node) {
			/* A bus's device was re-probed above; a root one goes. */
			if (!n->ldev && wdm_devnode_has(n, drv) &&
			    n->state == WDM_DN_STARTED) {
				found = n;
				break;
			}
		}
		mutex_unlock(&wdm_pnp_mutex);
		if (found)
			wdm_devnode_remove(found, false);
	} while (found);
}

/**
 * wdm_pnp_register() - WDM_PNP_DRIVER's: bind the devices @ids names
 * @handle: the driver (wdm_driver_load()'s)
 * @ids: its INF's hardware IDs and filters
 *
 * Return: 0 or a negative errno.
 */
int wdm_pnp_register(void *handle, const struct wdm_pnp_ids *ids)
{
	struct wdm_driver *drv = handle;

	if (!drv->ext.AddDevice)
		wdm_report(drv->name, "a PnP driver without AddDevice");
	return wdm_pci_register(drv, ids);
}
EXPORT_SYMBOL_WDM(wdm_pnp_register);

/**
 * wdm_pnp_unregister() - WDM_PNP_DRIVER's: its devices are removed
 * @handle: the driver
 */
void wdm_pnp_unregister(void *handle)
{
	wdm_pci_unregister(handle);
}
EXPORT_SYMBOL_WDM(wdm_pnp_unregister);

/* --- root enumeration ---------------------------------------------------- */

/**
 * wdm_pnp_root_add() - a root-enumerated device (ROOT\...) for @function:
 * no hardware, the resources given
 * @function: the function driver
 * @ids: its filters
 * @hardware_ids: the device's IDs
 * @raw: @count raw resources (may be NULL when @count is 0)
 * @translated: @count translated resources
 * @count: how many
 * @status: receives the failure, if any
 *
 * Return: the started devnode, or NULL.
 */
struct wdm_devnode *wdm_pnp_root_add(struct wdm_driver *function,
				     const struct wdm_pnp_ids *ids,
				     const char *const *hardware_ids,
				     const CM_PARTIAL_RESOURCE_DESCRIPTOR *raw,
				     const CM_PARTIAL_RESOURCE_DESCRIPTOR *translated,
				     ULONG count, NTSTATUS *status)
{
	struct wdm_devnode *n = wdm_devnode_alloc("root", Internal, count);
	PCM_PARTIAL_RESOURCE_DESCRIPTOR d;
	ULONG i;
	int err;

	*status = STATUS_INSUFFICIENT_RESOURCES;
	if (!n)
		return NULL;
	for (i = 0; i < count; i++) {
		d = wdm_devnode_add_resource(n, raw[i].Type);
		*d = raw[i];
		n->translated->List[0].PartialResourceList.PartialDescriptors[i] =
			translated[i];
	}
	if (wdm_devnode_set_ids(n, hardware_ids, NULL, "0000", "root-enumerated device",
				"root")) {
		wdm_devnode_free(n);
		return NULL;
	}
	err = wdm_devnode_start(n, function, ids);
	if (err) {
		*status = wdm_errno_to_ntstatus(err);
		return NULL;
	}
	*status = STATUS_SUCCESS;
	return n;
}
EXPORT_SYMBOL_WDM(wdm_pnp_root_add);

/**
 * wdm_pnp_root_remove() - remove a root-enumerated device
 * @n: the devnode wdm_pnp_root_add() returned (gone afterwards)
 * @surprise: as if the hardware had vanished
 */
void wdm_pnp_root_remove(struct wdm_devnode *n, bool surprise)
{
	wdm_devnode_remove(n, surprise);
}
EXPORT_SYMBOL_WDM(wdm_pnp_root_remove);

/* --- setup --------------------------------------------------------------- */

/* wdm_pnp_init() - the bus driver, and the debugfs switch */
int wdm_pnp_init(void)
{
	wdm_pnp_bus = wdm_driver_create_internal("WdmPnp", wdm_pdo_driver_init);
	return wdm_pnp_bus ? 0 : -ENOMEM;
}

/* wdm_pnp_debugfs() - pnp_force_surprise_removal in wdmshim's debugfs */
void wdm_pnp_debugfs(struct dentry *dir)
{
	debugfs_create_bool("pnp_force_surprise_removal", 0600, dir,
			    &wdm_pnp_force_surprise);
}

void wdm_pnp_exit(void)
{
	flush_work(&wdm_pnp_reaper);
	wdm_driver_destroy_internal(wdm_pnp_bus);
}
