// SPDX-License-Identifier: GPL-2.0
/*
 * io_harness.c - the test driver of the I/O manager suites.
 *
 * Each case that needs a DRIVER_OBJECT gets a fresh hosted driver,
 * "kunit_io", loaded with wdm_driver_load() exactly as a WDM_DRIVER
 * module is (its pool account owns this module's code for the length of
 * the case) and unloaded with wdm_driver_unload() in the case's exit,
 * whose DriverUnload detaches and deletes every device left. Suites run
 * one after the other, so this account never coexists with the ones the
 * pool suite registers for the same module.
 *
 * Every device has a struct iot_dev extension: one dispatch routine for
 * all of them records what it saw and runs the behaviour the case chose
 * for that device.
 */
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <wdmshim/host.h>
#include "io_harness.h"

/* The case whose driver is being loaded (cases run one at a time). */
static struct iot *iot_loading;

static NTSTATUS NTAPI iot_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
	struct iot_dev *d = iot_dev(dev);
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);

	d->calls++;
	d->major = stack->MajorFunction;
	d->location = irp->CurrentLocation;
	d->stack = stack;
	d->stack_dev = stack->DeviceObject;
	return (d->fn ?: iot_complete)(dev, irp);
}

/* Detach every device of the driver, then delete them, as Unload would. */
static VOID NTAPI iot_unload(PDRIVER_OBJECT obj)
{
	PDEVICE_OBJECT dev;

	for (dev = obj->DeviceObject; dev; dev = dev->NextDevice)
		if (dev->DeviceObjectExtension->AttachedTo)
			IoDetachDevice(dev->DeviceObjectExtension->AttachedTo);
	while (obj->DeviceObject)
		IoDeleteDevice(obj->DeviceObject);
}

static NTSTATUS NTAPI iot_driver_entry(PDRIVER_OBJECT obj,
				       PUNICODE_STRING registry_path)
{
	struct iot *t = iot_loading;
	UNICODE_STRING name;
	NTSTATUS status;
	int i;

	memcpy(t->initial, obj->MajorFunction, sizeof(t->initial));
	t->registry_path = registry_path;
	/* Dispatch only these; the others keep the I/O manager's default. */
	obj->MajorFunction[IRP_MJ_CREATE] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_CLOSE] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_CLEANUP] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_READ] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_WRITE] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_DEVICE_CONTROL] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = iot_dispatch;
	obj->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = iot_dispatch;
	obj->DriverUnload = iot_unload;

	/* One device created in DriverEntry, as classic drivers do. */
	RtlInitUnicodeString(&name, L"\\Device\\kunit_io_entry");
	status = IoCreateDevice(obj, sizeof(struct iot_dev), &name,
				FILE_DEVICE_UNKNOWN, 0, FALSE, &t->entry_dev);
	if (!NT_SUCCESS(status))
		return status;
	t->entry_dev_flags = t->entry_dev->Flags;
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		if (!t->initial[i])
			return STATUS_UNSUCCESSFUL;
	return STATUS_SUCCESS;
}

/**
 * iot_init() - KUnit .init: load the test driver for the case
 * @test: the case
 *
 * Return: 0 or a negative errno.
 */
int iot_init(struct kunit *test)
{
	struct iot *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int ret;

	if (!t)
		return -ENOMEM;
	t->test = test;
	iot_loading = t;
	ret = wdm_driver_load(&t->handle, THIS_MODULE, "kunit_io",
			      iot_driver_entry);
	iot_loading = NULL;
	if (ret)
		return ret;
	t->drv = t->handle;
	t->obj = &t->drv->obj;
	t->reports = atomic_read(&wdm_reports);
	test->priv = t;
	return 0;
}

/**
 * iot_exit() - KUnit .exit: unload the test driver
 * @test: the case
 */
void iot_exit(struct kunit *test)
{
	struct iot *t = iot_of(test);

	if (t && t->handle)
		wdm_driver_unload(t->handle);
}

static PDEVICE_OBJECT iot_new(struct kunit *test, const WCHAR *name,
			      PDRIVER_DISPATCH fn, void *ctx)
{
	struct iot *t = iot_of(test);
	UNICODE_STRING u;
	PDEVICE_OBJECT dev;
	NTSTATUS status;

	if (name)
		RtlInitUnicodeString(&u, name);
	status = IoCreateDevice(t->obj, sizeof(struct iot_dev),
				name ? &u : NULL, FILE_DEVICE_UNKNOWN, 0,
				FALSE, &dev);
	KUNIT_ASSERT_EQ(test, status, STATUS_SUCCESS);
	iot_dev(dev)->fn = fn;
	iot_dev(dev)->ctx = ctx;
	return dev;
}

/**
 * iot_create() - create an initialised test device
 * @test: the case
 * @name: \Device\X, or NULL
 * @fn: its dispatch behaviour, or NULL for iot_complete
 * @ctx: the case's data for @fn
 *
 * Return: the device (the case fails if it cannot be created).
 */
PDEVICE_OBJECT iot_create(struct kunit *test, const WCHAR *name,
			  PDRIVER_DISPATCH fn, void *ctx)
{
	PDEVICE_OBJECT dev = iot_new(test, name, fn, ctx);

	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	return dev;
}

/**
 * iot_attach() - create a test device attached over @target's stack
 * @test: the case
 * @target: any device of the stack
 * @fn: its dispatch behaviour
 * @ctx: the case's data for @fn
 *
 * Return: the new device, initialised.
 */
PDEVICE_OBJECT iot_attach(struct kunit *test, PDEVICE_OBJECT target,
			  PDRIVER_DISPATCH fn, void *ctx)
{
	PDEVICE_OBJECT dev = iot_new(test, NULL, fn, ctx);

	iot_dev(dev)->lower = IoAttachDeviceToDeviceStack(dev, target);
	KUNIT_ASSERT_NOT_NULL(test, iot_dev(dev)->lower);
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	return dev;
}

/**
 * iot_origin_routine() - the originator's completion routine: records
 * and keeps the IRP (STATUS_MORE_PROCESSING_REQUIRED)
 * @dev: the DeviceObject argument (NULL for an originator)
 * @irp: the IRP
 * @ctx: its struct iot_origin
 *
 * Return: STATUS_MORE_PROCESSING_REQUIRED.
 */
NTSTATUS NTAPI iot_origin_routine(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	struct iot_origin *o = ctx;

	o->calls++;
	o->dev = dev;
	o->status = irp->IoStatus.Status;
	o->information = irp->IoStatus.Information;
	o->pending = irp->PendingReturned;
	o->cancel = irp->Cancel;
	o->location = irp->CurrentLocation;
	iot_log(o->t, 0);
	KeSetEvent(&o->done, IO_NO_INCREMENT, FALSE);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

/**
 * iot_irp() - an IRP from IoAllocateIrp for @target, its request in the
 * next location and @o's completion routine set for every outcome
 * @test: the case
 * @target: the device it will be sent to
 * @major: IRP_MJ_*
 * @o: the originator
 *
 * Return: the IRP.
 */
PIRP iot_irp(struct kunit *test, PDEVICE_OBJECT target, UCHAR major,
	     struct iot_origin *o)
{
	PIRP irp = IoAllocateIrp(target->StackSize, FALSE);

	KUNIT_ASSERT_NOT_NULL(test, irp);
	memset(o, 0, sizeof(*o));
	o->t = iot_of(test);
	KeInitializeEvent(&o->done, NotificationEvent, FALSE);
	IoGetNextIrpStackLocation(irp)->MajorFunction = major;
	IoSetCompletionRoutine(irp, iot_origin_routine, o, TRUE, TRUE, TRUE);
	return irp;
}

/* iot_log() - note event @id in the case's ordered log */
void iot_log(struct iot *t, int id)
{
	if (t && t->nlog < IOT_MAX_LOG)
		t->log[t->nlog++] = id;
}

/**
 * iot_new_reports() - rule violations reported since the last call (or
 * the start of the case)
 * @test: the case
 *
 * Return: their number.
 */
int iot_new_reports(struct kunit *test)
{
	struct iot *t = iot_of(test);
	int now = atomic_read(&wdm_reports), n = now - t->reports;

	t->reports = now;
	return n;
}

/* iot_blocks() - pool blocks charged to the test driver */
long iot_blocks(struct kunit *test)
{
	return atomic_long_read(&iot_of(test)->drv->acct.blocks);
}

/**
 * iot_wait_blocks() - wait (up to 2 s) until the test driver has @blocks
 * pool blocks: the I/O manager may free an IRP from a worker
 * @test: the case
 * @blocks: the count expected
 *
 * Return: true if reached.
 */
bool iot_wait_blocks(struct kunit *test, long blocks)
{
	unsigned long end = jiffies + 2 * HZ;

	while (iot_blocks(test) != blocks) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(5000, 10000);
	}
	return true;
}

/* Dispatch: complete with the device's status and Information. */
NTSTATUS NTAPI iot_complete(PDEVICE_OBJECT dev, PIRP irp)
{
	struct iot_dev *d = iot_dev(dev);
	NTSTATUS status = d->status;

	irp->IoStatus.Status = status;
	irp->IoStatus.Information = d->information;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return status;
}

/* Dispatch: pass down, sharing the stack location. */
NTSTATUS NTAPI iot_pass_skip(PDEVICE_OBJECT dev, PIRP irp)
{
	IoSkipCurrentIrpStackLocation(irp);
	return IoCallDriver(iot_dev(dev)->lower, irp);
}

/* Dispatch: pass down a copy of the location, no completion routine. */
NTSTATUS NTAPI iot_pass_copy(PDEVICE_OBJECT dev, PIRP irp)
{
	IoCopyCurrentIrpStackLocationToNext(irp);
	return IoCallDriver(iot_dev(dev)->lower, irp);
}

/* Dispatch: keep the IRP pending; the case completes it later. */
NTSTATUS NTAPI iot_pend(PDEVICE_OBJECT dev, PIRP irp)
{
	IoMarkIrpPending(irp);
	iot_dev(dev)->pended = irp;
	return STATUS_PENDING;
}

/**
 * iot_wait_for_stop() - park a test kthread that has done its work until
 * kthread_stop(), which needs the thread still alive
 *
 * Return: 0, the thread's exit code.
 */
int iot_wait_for_stop(void)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule();
	}
	return 0;
}
