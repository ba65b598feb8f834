// SPDX-License-Identifier: GPL-2.0
/*
 * pnp_test.c - KUnit tests of the PnP manager without hardware: a
 * root-enumerated device (as Windows' ROOT\ devices) served by three test
 * drivers loaded through the real path - a lower filter, a function
 * driver and an upper filter, named by the function driver's "INF" -
 * checks AddDevice order, the stack they build, IRP_MN_START_DEVICE and
 * its resource lists, failure unwinding, the removal sequences, what the
 * bus driver answers (IDs, capabilities, BUS_INTERFACE_STANDARD,
 * properties), device interfaces, remove locks and power pass-through.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include "pnp/pnp.h"
#include "io_harness.h"
#include <initguid.h>
#include <wdmguid.h>

#define PT_MAX_LOG 32

enum pt_role { PT_LOWER, PT_FUNCTION, PT_UPPER, PT_ROLES };

/* What every test device saw, in order: (role << 8) | event. */
enum { PT_ADD = 0x40, PT_FAIL = 0x41 };

struct pt {
	void *handle[PT_ROLES];
	struct wdm_driver *drv[PT_ROLES];
	int log[PT_MAX_LOG];
	int nlog;
	NTSTATUS add_status[PT_ROLES];	/* what AddDevice returns */
	NTSTATUS start_status;		/* what the function's START returns */
	bool map_fault;			/* START maps its memory under failslab */
	bool mapped;			/* START's MmMapIoSpace succeeded */
	/* what the function driver's START saw */
	ULONG raw_count, translated_count;
	CM_PARTIAL_RESOURCE_DESCRIPTOR raw[2], translated[2];
	int reports;
};

static struct pt *pt_current;	/* the case's (drivers' callbacks) */

struct pt_ext {
	enum pt_role role;
	PDEVICE_OBJECT self, lower;
};

static void pt_log(enum pt_role role, int event)
{
	struct pt *t = pt_current;

	if (t && t->nlog < PT_MAX_LOG)
		t->log[t->nlog++] = (role << 8) | event;
}

static NTSTATUS NTAPI pt_pnp(PDEVICE_OBJECT dev, PIRP irp)
{
	struct pt_ext *e = dev->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);
	struct pt *t = pt_current;
	PCM_RESOURCE_LIST raw, tr;
	NTSTATUS status;

	pt_log(e->role, stack->MinorFunction);
	if (stack->MinorFunction == IRP_MN_START_DEVICE && e->role == PT_FUNCTION) {
		/* The lower drivers first, then the function's own start. */
		IoForwardIrpSynchronously(e->lower, irp);
		raw = stack->Parameters.StartDevice.AllocatedResources;
		tr = stack->Parameters.StartDevice.AllocatedResourcesTranslated;
		if (t && raw && tr) {
			t->raw_count = raw->List[0].PartialResourceList.Count;
			t->translated_count = tr->List[0].PartialResourceList.Count;
			memcpy(t->raw, raw->List[0].PartialResourceList.PartialDescriptors,
			       min_t(ULONG, t->raw_count, 2) * sizeof(t->raw[0]));
			memcpy(t->translated, tr->List[0].PartialResourceList.PartialDescriptors,
			       min_t(ULONG, t->translated_count, 2) * sizeof(t->raw[0]));
		}
		status = NT_SUCCESS(irp->IoStatus.Status) && t ? t->start_status :
			 irp->IoStatus.Status;
		if (NT_SUCCESS(status) && t && t->map_fault && tr) {
			PCM_PARTIAL_RESOURCE_DESCRIPTOR m =
				&tr->List[0].PartialResourceList.PartialDescriptors[0];
			PVOID va;

			/* failslab (armed by kunit.sh) fails this task's allocations */
			current->make_it_fail = 1;
			va = MmMapIoSpace(m->u.Memory.Start, m->u.Memory.Length, MmNonCached);
			current->make_it_fail = 0;
			t->mapped = !!va;
			if (va)
				MmUnmapIoSpace(va, m->u.Memory.Length);
			else
				status = STATUS_INSUFFICIENT_RESOURCES;
		}
		irp->IoStatus.Status = status;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		return status;
	}
	if (stack->MinorFunction == IRP_MN_REMOVE_DEVICE) {
		IoSkipCurrentIrpStackLocation(irp);
		status = IoCallDriver(e->lower, irp);
		IoDetachDevice(e->lower);
		IoDeleteDevice(dev);
		return status;
	}
	if (stack->MinorFunction == IRP_MN_QUERY_REMOVE_DEVICE ||
	    stack->MinorFunction == IRP_MN_SURPRISE_REMOVAL)
		irp->IoStatus.Status = STATUS_SUCCESS;
	IoSkipCurrentIrpStackLocation(irp);
	return IoCallDriver(e->lower, irp);
}

static NTSTATUS NTAPI pt_power(PDEVICE_OBJECT dev, PIRP irp)
{
	struct pt_ext *e = dev->DeviceExtension;

	PoStartNextPowerIrp(irp);
	IoSkipCurrentIrpStackLocation(irp);
	return PoCallDriver(e->lower, irp);
}

static NTSTATUS pt_add(PDRIVER_OBJECT obj, PDEVICE_OBJECT pdo, enum pt_role role)
{
	struct pt *t = pt_current;
	PDEVICE_OBJECT dev;
	struct pt_ext *e;
	NTSTATUS status;

	if (t && !NT_SUCCESS(t->add_status[role])) {
		pt_log(role, PT_FAIL);
		return t->add_status[role];
	}
	status = IoCreateDevice(obj, sizeof(*e), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
	if (!NT_SUCCESS(status))
		return status;
	e = dev->DeviceExtension;
	e->role = role;
	e->self = dev;
	e->lower = IoAttachDeviceToDeviceStack(dev, pdo);
	if (!e->lower) {
		IoDeleteDevice(dev);
		return STATUS_NO_SUCH_DEVICE;
	}
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	pt_log(role, PT_ADD);
	return STATUS_SUCCESS;
}

static NTSTATUS NTAPI pt_add_lower(PDRIVER_OBJECT obj, PDEVICE_OBJECT pdo)
{
	return pt_add(obj, pdo, PT_LOWER);
}

static NTSTATUS NTAPI pt_add_function(PDRIVER_OBJECT obj, PDEVICE_OBJECT pdo)
{
	return pt_add(obj, pdo, PT_FUNCTION);
}

static NTSTATUS NTAPI pt_add_upper(PDRIVER_OBJECT obj, PDEVICE_OBJECT pdo)
{
	return pt_add(obj, pdo, PT_UPPER);
}

static void NTAPI pt_unload(PDRIVER_OBJECT obj)
{
}

static NTSTATUS NTAPI pt_entry(PDRIVER_OBJECT obj, PDRIVER_ADD_DEVICE add)
{
	obj->MajorFunction[IRP_MJ_PNP] = pt_pnp;
	obj->MajorFunction[IRP_MJ_POWER] = pt_power;
	obj->DriverExtension->AddDevice = add;
	obj->DriverUnload = pt_unload;
	return STATUS_SUCCESS;
}

static int NTAPI pt_entry_lower(PDRIVER_OBJECT obj, PUNICODE_STRING reg)
{
	return pt_entry(obj, pt_add_lower);
}

static int NTAPI pt_entry_function(PDRIVER_OBJECT obj, PUNICODE_STRING reg)
{
	return pt_entry(obj, pt_add_function);
}

static int NTAPI pt_entry_upper(PDRIVER_OBJECT obj, PUNICODE_STRING reg)
{
	return pt_entry(obj, pt_add_upper);
}

static const char *const pt_hwids[] = { "ROOT\\WDMSHIM_KUNIT", "WDMSHIM_KUNIT", NULL };
static const char *const pt_uppers[] = { "kunit_pnp_upper", NULL };
static const char *const pt_lowers[] = { "kunit_pnp_lower", NULL };
static const struct wdm_pnp_ids pt_ids = {
	.hardware_ids = pt_hwids,
	.upper_filters = pt_uppers,
	.lower_filters = pt_lowers,
	.description = "KUnit root device",
};

static int pt_init(struct kunit *test)
{
	static wdm_driver_entry_t *const entries[PT_ROLES] = {
		pt_entry_lower, pt_entry_function, pt_entry_upper,
	};
	static const char *const names[PT_ROLES] = {
		"kunit_pnp_lower", "kunit_pnp_function", "kunit_pnp_upper",
	};
	struct pt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i, ret;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < PT_ROLES; i++) {
		ret = wdm_driver_load(&t->handle[i], THIS_MODULE, names[i], entries[i]);
		if (ret)
			return ret;
		t->drv[i] = t->handle[i];
	}
	t->reports = atomic_read(&wdm_reports);
	pt_current = t;
	test->priv = t;
	return 0;
}

static void pt_exit(struct kunit *test)
{
	struct pt *t = test->priv;
	int i;

	for (i = PT_ROLES - 1; i >= 0; i--)
		if (t->handle[i])
			wdm_driver_unload(t->handle[i]);
	pt_current = NULL;
}

static struct wdm_devnode *pt_add_root(struct kunit *test, NTSTATUS *status)
{
	static const CM_PARTIAL_RESOURCE_DESCRIPTOR raw[2] = {
		{ .Type = CmResourceTypeMemory, .ShareDisposition = 1,
		  .u.Memory = { .Start.QuadPart = 0xfe000000, .Length = 0x1000 } },
		{ .Type = CmResourceTypeInterrupt, .ShareDisposition = 3,
		  .u.Interrupt = { .Level = 11, .Vector = 11, .Affinity = 1 } },
	};
	static const CM_PARTIAL_RESOURCE_DESCRIPTOR translated[2] = {
		{ .Type = CmResourceTypeMemory, .ShareDisposition = 1,
		  .u.Memory = { .Start.QuadPart = 0xfe000000, .Length = 0x1000 } },
		{ .Type = CmResourceTypeInterrupt, .ShareDisposition = 3,
		  .u.Interrupt = { .Level = 12, .Vector = 44, .Affinity = 1 } },
	};
	struct pt *t = test->priv;

	return wdm_pnp_root_add(t->drv[PT_FUNCTION], &pt_ids, pt_hwids, raw, translated,
				2, status);
}

static int pt_new_reports(struct kunit *test)
{
	struct pt *t = test->priv;
	int now = atomic_read(&wdm_reports), n = now - t->reports;

	t->reports = now;
	return n;
}

#define EV(role, ev) (((role) << 8) | (ev))

/* Lower filter, function, upper filter: AddDevice in that order, stacked. */
static void pnp_add_device_order_and_stack(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	PDEVICE_OBJECT pdo, d;
	NTSTATUS status;
	int i;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_EQ(test, status, STATUS_SUCCESS);
	KUNIT_ASSERT_GE(test, t->nlog, 3);
	KUNIT_EXPECT_EQ(test, t->log[0], EV(PT_LOWER, PT_ADD));
	KUNIT_EXPECT_EQ(test, t->log[1], EV(PT_FUNCTION, PT_ADD));
	KUNIT_EXPECT_EQ(test, t->log[2], EV(PT_UPPER, PT_ADD));
	/* PDO, lower, function, upper, each over the one before. */
	pdo = n->pdo;
	KUNIT_EXPECT_PTR_EQ(test, (void *)wdm_device_of(pdo)->drv, (void *)wdm_pnp_bus);
	KUNIT_EXPECT_TRUE(test, pdo->Flags & DO_BUS_ENUMERATED_DEVICE);
	d = pdo;
	for (i = 0; i < PT_ROLES; i++) {
		d = d->AttachedDevice;
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_EXPECT_PTR_EQ(test, d->DriverObject, &t->drv[i]->obj);
		KUNIT_EXPECT_EQ(test, (int)d->StackSize, i + 2);
	}
	KUNIT_EXPECT_NULL(test, d->AttachedDevice);
	KUNIT_EXPECT_EQ(test, n->ndrivers, 3);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
	wdm_pnp_root_remove(n, false);
}

/* Capabilities then START, top down; START carries both resource lists. */
static void pnp_start_with_resources(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_ASSERT_GE(test, t->nlog, 9);
	/* Each IRP goes down: upper, function, lower. */
	KUNIT_EXPECT_EQ(test, t->log[3], EV(PT_UPPER, IRP_MN_QUERY_CAPABILITIES));
	KUNIT_EXPECT_EQ(test, t->log[4], EV(PT_FUNCTION, IRP_MN_QUERY_CAPABILITIES));
	KUNIT_EXPECT_EQ(test, t->log[5], EV(PT_LOWER, IRP_MN_QUERY_CAPABILITIES));
	KUNIT_EXPECT_EQ(test, t->log[6], EV(PT_UPPER, IRP_MN_START_DEVICE));
	KUNIT_EXPECT_EQ(test, t->log[7], EV(PT_FUNCTION, IRP_MN_START_DEVICE));
	KUNIT_EXPECT_EQ(test, t->log[8], EV(PT_LOWER, IRP_MN_START_DEVICE));
	KUNIT_EXPECT_EQ(test, t->raw_count, 2U);
	KUNIT_EXPECT_EQ(test, t->translated_count, 2U);
	KUNIT_EXPECT_EQ(test, t->raw[0].Type, CmResourceTypeMemory);
	KUNIT_EXPECT_EQ(test, t->raw[0].u.Memory.Start.QuadPart, 0xfe000000LL);
	KUNIT_EXPECT_EQ(test, t->raw[0].u.Memory.Length, 0x1000U);
	KUNIT_EXPECT_EQ(test, t->raw[1].Type, CmResourceTypeInterrupt);
	KUNIT_EXPECT_EQ(test, t->raw[1].u.Interrupt.Vector, 11U);
	KUNIT_EXPECT_EQ(test, t->translated[1].u.Interrupt.Vector, 44U);
	KUNIT_EXPECT_EQ(test, t->translated[1].u.Interrupt.Level, 12U);
	KUNIT_EXPECT_EQ(test, (int)sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR), 20);
	wdm_pnp_root_remove(n, false);
}

/* A failing AddDevice: what was built gets REMOVE_DEVICE, nothing stays. */
static void pnp_add_device_failure_unwinds(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;

	t->add_status[PT_FUNCTION] = STATUS_INSUFFICIENT_RESOURCES;
	n = pt_add_root(test, &status);
	KUNIT_EXPECT_NULL(test, n);
	KUNIT_EXPECT_EQ(test, status, STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_ASSERT_GE(test, t->nlog, 3);
	KUNIT_EXPECT_EQ(test, t->log[0], EV(PT_LOWER, PT_ADD));
	KUNIT_EXPECT_EQ(test, t->log[1], EV(PT_FUNCTION, PT_FAIL));
	/* No upper filter, no START: the lower filter is removed. */
	KUNIT_EXPECT_EQ(test, t->log[2], EV(PT_LOWER, IRP_MN_REMOVE_DEVICE));
	KUNIT_EXPECT_NULL(test, t->drv[PT_LOWER]->obj.DeviceObject);
	KUNIT_EXPECT_NULL(test, t->drv[PT_FUNCTION]->obj.DeviceObject);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
}

/* A failing START: the whole stack is removed and the arrival fails. */
static void pnp_start_failure_unwinds(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;
	int i;

	t->start_status = STATUS_DEVICE_CONFIGURATION_ERROR;
	n = pt_add_root(test, &status);
	KUNIT_EXPECT_NULL(test, n);
	KUNIT_EXPECT_NE(test, status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, t->log[t->nlog - 3], EV(PT_UPPER, IRP_MN_REMOVE_DEVICE));
	KUNIT_EXPECT_EQ(test, t->log[t->nlog - 1], EV(PT_LOWER, IRP_MN_REMOVE_DEVICE));
	for (i = 0; i < PT_ROLES; i++)
		KUNIT_EXPECT_NULL(test, t->drv[i]->obj.DeviceObject);
}

/*
 * The device's memory cannot be mapped (fault injection): START fails,
 * the stack is removed, the arrival fails - nothing left, nothing reported.
 */
static void pnp_start_mapping_fails(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;
	int i;

	t->map_fault = true;
	n = pt_add_root(test, &status);
	KUNIT_EXPECT_FALSE_MSG(test, t->mapped, "failslab not configured by the harness?");
	KUNIT_EXPECT_NULL(test, n);
	KUNIT_EXPECT_EQ(test, status, STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, t->log[t->nlog - 1], EV(PT_LOWER, IRP_MN_REMOVE_DEVICE));
	for (i = 0; i < PT_ROLES; i++)
		KUNIT_EXPECT_NULL(test, t->drv[i]->obj.DeviceObject);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
}

/* Orderly: QUERY_REMOVE then REMOVE; surprise: SURPRISE_REMOVAL then REMOVE. */
static void pnp_removal_sequences(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;
	int start, i;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	start = t->nlog;
	wdm_pnp_root_remove(n, false);
	KUNIT_ASSERT_EQ(test, t->nlog, start + 6);
	KUNIT_EXPECT_EQ(test, t->log[start], EV(PT_UPPER, IRP_MN_QUERY_REMOVE_DEVICE));
	KUNIT_EXPECT_EQ(test, t->log[start + 3], EV(PT_UPPER, IRP_MN_REMOVE_DEVICE));

	t->nlog = 0;
	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	start = t->nlog;
	wdm_pnp_root_remove(n, true);
	KUNIT_ASSERT_EQ(test, t->nlog, start + 6);
	KUNIT_EXPECT_EQ(test, t->log[start], EV(PT_UPPER, IRP_MN_SURPRISE_REMOVAL));
	KUNIT_EXPECT_EQ(test, t->log[start + 2], EV(PT_LOWER, IRP_MN_SURPRISE_REMOVAL));
	KUNIT_EXPECT_EQ(test, t->log[start + 5], EV(PT_LOWER, IRP_MN_REMOVE_DEVICE));
	for (i = 0; i < PT_ROLES; i++)
		KUNIT_EXPECT_NULL(test, t->drv[i]->obj.DeviceObject);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
}

/* The bus driver answers QUERY_ID and QUERY_CAPABILITIES from the devnode. */
static void pnp_bus_ids_and_capabilities(struct kunit *test)
{
	static const WCHAR hw[] = L"ROOT\\WDMSHIM_KUNIT\0WDMSHIM_KUNIT\0";
	struct wdm_devnode *n;
	IO_STACK_LOCATION args;
	DEVICE_CAPABILITIES caps;
	ULONG_PTR info = 0;
	NTSTATUS status;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	memset(&args, 0, sizeof(args));
	args.Parameters.QueryId.IdType = BusQueryHardwareIDs;
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_ID, &args, &info),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NE(test, info, (ULONG_PTR)0);
	/* the multi-sz, both NULs (the literal adds a third) */
	KUNIT_EXPECT_EQ(test, memcmp((void *)info, hw, sizeof(hw) - sizeof(WCHAR)), 0);
	ExFreePool((PVOID)info);

	args.Parameters.QueryId.IdType = BusQueryDeviceID;
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_ID, &args, &info),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp((void *)info, hw, 19 * sizeof(WCHAR)), 0);
	ExFreePool((PVOID)info);

	/* Serial numbers: the bus has none; the status stays NOT_SUPPORTED. */
	args.Parameters.QueryId.IdType = BusQueryDeviceSerialNumber;
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_ID, &args, NULL),
			STATUS_NOT_SUPPORTED);

	memset(&caps, 0, sizeof(caps));
	caps.Size = sizeof(caps);
	caps.Version = 1;
	args.Parameters.DeviceCapabilities.Capabilities = &caps;
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_CAPABILITIES, &args, NULL),
			STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, caps.UniqueID);
	KUNIT_EXPECT_EQ(test, caps.DeviceState[PowerSystemWorking], PowerDeviceD0);
	KUNIT_EXPECT_EQ(test, caps.DeviceState[PowerSystemShutdown], PowerDeviceD3);

	/* An unknown minor function keeps the status it was sent with. */
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_EJECT, NULL, NULL),
			STATUS_NOT_SUPPORTED);
	wdm_pnp_root_remove(n, false);
}

/* BUS_INTERFACE_STANDARD: filled, referenced; no config space on ROOT. */
static void pnp_bus_interface_standard(struct kunit *test)
{
	BUS_INTERFACE_STANDARD bus;
	IO_STACK_LOCATION args;
	struct wdm_devnode *n;
	unsigned int refs;
	NTSTATUS status;
	UCHAR cfg[4];

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	memset(&bus, 0, sizeof(bus));
	memset(&args, 0, sizeof(args));
	args.Parameters.QueryInterface.InterfaceType = &GUID_BUS_INTERFACE_STANDARD;
	args.Parameters.QueryInterface.Size = sizeof(bus);
	args.Parameters.QueryInterface.Version = 1;
	args.Parameters.QueryInterface.Interface = (PINTERFACE)(&bus);
	refs = refcount_read(&wdm_device_of(n->pdo)->refs);
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_INTERFACE, &args, NULL),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, bus.Size, (USHORT)sizeof(bus));
	KUNIT_EXPECT_PTR_EQ(test, bus.Context, (PVOID)n->pdo);
	KUNIT_ASSERT_NOT_NULL(test, bus.GetBusData);
	KUNIT_EXPECT_EQ(test, refcount_read(&wdm_device_of(n->pdo)->refs), refs + 1);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG, cfg, 0, 4),
			0U);
	bus.InterfaceDereference(bus.Context);
	KUNIT_EXPECT_EQ(test, refcount_read(&wdm_device_of(n->pdo)->refs), refs);

	/* Another interface: not the bus's, the status stays. */
	args.Parameters.QueryInterface.InterfaceType = &GUID_BUS_TYPE_PCI;
	KUNIT_EXPECT_EQ(test, wdm_pnp_call(n->pdo, IRP_MN_QUERY_INTERFACE, &args, NULL),
			STATUS_NOT_SUPPORTED);
	wdm_pnp_root_remove(n, false);
}

static void pnp_device_properties(struct kunit *test)
{
	struct wdm_devnode *n;
	WCHAR buf[64];
	ULONG len = 0, value;
	NTSTATUS status;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo, DevicePropertyEnumeratorName,
						  sizeof(buf), buf, &len), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 5 * sizeof(WCHAR));
	KUNIT_EXPECT_EQ(test, memcmp(buf, L"ROOT", 5 * sizeof(WCHAR)), 0);
	/* Too small: the size needed comes back. */
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo, DevicePropertyHardwareID, 4, buf,
						  &len), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, len, (ULONG)sizeof(L"ROOT\\WDMSHIM_KUNIT\0WDMSHIM_KUNIT\0"));
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo, DevicePropertyLegacyBusType,
						  sizeof(value), &value, &len), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, value, (ULONG)Internal);
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo, DevicePropertyPhysicalDeviceObjectName,
						  sizeof(buf), buf, &len), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp(buf, L"\\Device\\WdmPnp", 14 * sizeof(WCHAR)), 0);
	/* Not kept here: an honest "invalid", not a made-up value. */
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo, DevicePropertyClassGuid,
						  sizeof(buf), buf, &len),
			STATUS_INVALID_PARAMETER_2);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
	/* Not a PDO: reported. */
	KUNIT_EXPECT_EQ(test, IoGetDeviceProperty(n->pdo->AttachedDevice,
						  DevicePropertyHardwareID, sizeof(buf), buf,
						  &len), STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 1);
	wdm_pnp_root_remove(n, false);
}

#define PT_LINK_START "\\??\\ROOT#WDMSHIM_KUNIT#0000&"

DEFINE_GUID(PT_GUID, 0x01234567, 0x89ab, 0xcdef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
	    0xcd, 0xef);

static void pnp_device_interfaces(struct kunit *test)
{
	UNICODE_STRING link, again, bogus = RTL_CONSTANT_STRING(L"\\??\\nothing");
	struct wdm_devnode *n;
	char text[160];
	NTSTATUS status;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_ASSERT_EQ(test, IoRegisterDeviceInterface(n->pdo, &PT_GUID, NULL, &link),
			STATUS_SUCCESS);
	wdm_format(text, sizeof(text), "%wZ", &link);
	/* \??\<device ID>#<instance>&<PDO number>#{guid} */
	KUNIT_EXPECT_EQ(test, strncmp(text, PT_LINK_START, strlen(PT_LINK_START)), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "#{01234567-89ab-cdef-0123-456789abcdef}"));
	/* Registered again: the same name. */
	KUNIT_ASSERT_EQ(test, IoRegisterDeviceInterface(n->pdo, &PT_GUID, NULL, &again),
			STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&link, &again, FALSE));
	RtlFreeUnicodeString(&again);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&link, TRUE),
			STATUS_OBJECT_NAME_EXISTS);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&link, FALSE), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&bogus, TRUE),
			STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
	/* Not a PDO: reported. */
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
	KUNIT_EXPECT_EQ(test, IoRegisterDeviceInterface(n->pdo->AttachedDevice, &PT_GUID,
							NULL, &again),
			STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 1);
	/* Removal takes the enabled interface away with the device. */
	wdm_pnp_root_remove(n, false);
	KUNIT_EXPECT_EQ(test, IoSetDeviceInterfaceState(&link, FALSE),
			STATUS_OBJECT_NAME_NOT_FOUND);
	RtlFreeUnicodeString(&link);
}

struct pt_holder {
	PIO_REMOVE_LOCK lock;
	int hold_ms;
};

static int pt_release_later(void *arg)
{
	struct pt_holder *h = arg;

	msleep(h->hold_ms);
	IoReleaseRemoveLock(h->lock, h);
	return iot_wait_for_stop();
}

/* Remove locks: AndWait waits for holders, then refuses acquisitions. */
static void pnp_remove_lock(struct kunit *test)
{
	IO_REMOVE_LOCK *lock = kunit_kzalloc(test, sizeof(*lock), GFP_KERNEL);
	struct pt_holder h = { .lock = lock, .hold_ms = 100 };
	struct task_struct *thread;
	ktime_t t0;

	KUNIT_ASSERT_NOT_NULL(test, lock);
	IoInitializeRemoveLock(lock, 'tsTK', 0, 0);
	KUNIT_EXPECT_EQ(test, IoAcquireRemoveLock(lock, test), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, IoAcquireRemoveLock(lock, &h), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, lock->Common.IoCount, 3);
	thread = kthread_run(pt_release_later, &h, "kunit_remlock");
	KUNIT_ASSERT_FALSE(test, IS_ERR(thread));
	t0 = ktime_get();
	IoReleaseRemoveLockAndWait(lock, test);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), t0), 80);
	KUNIT_EXPECT_EQ(test, lock->Common.IoCount, 0);
	KUNIT_EXPECT_EQ(test, IoAcquireRemoveLock(lock, test), STATUS_DELETE_PENDING);
	KUNIT_EXPECT_EQ(test, lock->Common.IoCount, 0);
	kthread_stop(thread);
	/* Releasing what nobody holds: reported. */
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
	IoReleaseRemoveLock(lock, test);
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, lock->Common.IoCount, 0);
}

/* Power IRPs pass through the stack to the bus, which accepts the state. */
static void pnp_power_passes_through(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	PIO_STACK_LOCATION stack;
	PDEVICE_OBJECT top;
	POWER_STATE state, old;
	NTSTATUS status;
	PIRP irp;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	top = IoGetAttachedDeviceReference(n->pdo);
	irp = IoAllocateIrp(top->StackSize, FALSE);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = IRP_MJ_POWER;
	stack->MinorFunction = IRP_MN_SET_POWER;
	stack->Parameters.Power.Type = DevicePowerState;
	stack->Parameters.Power.State.DeviceState = PowerDeviceD0;
	KUNIT_EXPECT_EQ(test, PoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, irp->IoStatus.Status, STATUS_SUCCESS);
	IoFreeIrp(irp);
	ObDereferenceObject(top);

	state.DeviceState = PowerDeviceD3;
	old = PoSetPowerState(n->pdo->AttachedDevice, DevicePowerState, state);
	KUNIT_EXPECT_EQ(test, old.DeviceState, PowerDeviceD0);
	old = PoSetPowerState(n->pdo->AttachedDevice, DevicePowerState, state);
	KUNIT_EXPECT_EQ(test, old.DeviceState, PowerDeviceD3);
	KUNIT_EXPECT_NOT_NULL(test, t->drv[PT_LOWER]->obj.DeviceObject);
	wdm_pnp_root_remove(n, false);
}

/* A filter unloading takes its devices out of the stacks it is in. */
static void pnp_filter_unload_removes_root_stack(struct kunit *test)
{
	struct pt *t = test->priv;
	struct wdm_devnode *n;
	NTSTATUS status;

	n = pt_add_root(test, &status);
	KUNIT_ASSERT_NOT_NULL(test, n);
	wdm_driver_unload(t->handle[PT_UPPER]);
	t->handle[PT_UPPER] = NULL;
	/* No bus to re-enumerate a root device: it was removed. */
	KUNIT_EXPECT_NULL(test, t->drv[PT_FUNCTION]->obj.DeviceObject);
	KUNIT_EXPECT_NULL(test, t->drv[PT_LOWER]->obj.DeviceObject);
	KUNIT_EXPECT_EQ(test, t->log[t->nlog - 1], EV(PT_LOWER, IRP_MN_REMOVE_DEVICE));
	KUNIT_EXPECT_EQ(test, pt_new_reports(test), 0);
}

static struct kunit_case pnp_cases[] = {
	KUNIT_CASE(pnp_add_device_order_and_stack),
	KUNIT_CASE(pnp_start_with_resources),
	KUNIT_CASE(pnp_add_device_failure_unwinds),
	KUNIT_CASE(pnp_start_failure_unwinds),
	KUNIT_CASE(pnp_start_mapping_fails),
	KUNIT_CASE(pnp_removal_sequences),
	KUNIT_CASE(pnp_bus_ids_and_capabilities),
	KUNIT_CASE(pnp_bus_interface_standard),
	KUNIT_CASE(pnp_device_properties),
	KUNIT_CASE(pnp_device_interfaces),
	KUNIT_CASE(pnp_remove_lock),
	KUNIT_CASE(pnp_power_passes_through),
	KUNIT_CASE(pnp_filter_unload_removes_root_stack),
	{}
};

static struct kunit_suite pnp_suite = {
	.name = "wdmshim_pnp",
	.init = pt_init,
	.exit = pt_exit,
	.test_cases = pnp_cases,
};

kunit_test_suites(&pnp_suite);
