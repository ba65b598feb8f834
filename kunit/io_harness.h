/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io_harness.h - what the I/O manager suites share: a hosted test driver
 * ("kunit_io") loaded through the real path (wdm_driver_load) for each
 * case, device objects whose behaviour each case chooses, an originator
 * for driver-allocated IRPs, and the count of reported rule violations.
 */
#ifndef _WDMSHIM_KUNIT_IO_HARNESS_H
#define _WDMSHIM_KUNIT_IO_HARNESS_H

#include <kunit/test.h>
#include "io/io.h"

#define IOT_MAX_LOG 16

/*
 * The device extension of every test device: the dispatch behaviour the
 * case chose for it, its lower device, and what its dispatch routine saw.
 */
struct iot_dev {
	PDRIVER_DISPATCH fn;		/* NULL: iot_complete */
	PDEVICE_OBJECT lower;		/* device it is attached to */
	void *ctx;			/* the case's data */
	NTSTATUS status;		/* iot_complete's status, */
	ULONG_PTR information;		/* and Information */
	PIRP pended;			/* the IRP iot_pend kept */
	int calls;			/* dispatch calls */
	UCHAR major;			/* last MajorFunction */
	CHAR location;			/* CurrentLocation the dispatch saw */
	PIO_STACK_LOCATION stack;	/* its current stack location */
	PDEVICE_OBJECT stack_dev;	/* that location's DeviceObject */
};

/* One case's driver and what it recorded. */
struct iot {
	struct kunit *test;
	void *handle;			/* from wdm_driver_load() */
	struct wdm_driver *drv;
	PDRIVER_OBJECT obj;
	/* MajorFunction[] as DriverEntry found it */
	PDRIVER_DISPATCH initial[IRP_MJ_MAXIMUM_FUNCTION + 1];
	PUNICODE_STRING registry_path;	/* as passed to DriverEntry */
	PDEVICE_OBJECT entry_dev;	/* created in DriverEntry */
	ULONG entry_dev_flags;		/* its Flags inside DriverEntry */
	int reports;			/* wdm_reports at the last check */
	int log[IOT_MAX_LOG];		/* order of events (iot_log) */
	int nlog;
};

/*
 * The originator of an IRP from IoAllocateIrp: its completion routine
 * records what it saw and returns STATUS_MORE_PROCESSING_REQUIRED (the
 * IRP stays the originator's, who frees it with IoFreeIrp).
 */
struct iot_origin {
	struct iot *t;
	int calls;
	PDEVICE_OBJECT dev;		/* DeviceObject argument */
	NTSTATUS status;
	ULONG_PTR information;
	BOOLEAN pending;		/* Irp->PendingReturned */
	BOOLEAN cancel;			/* Irp->Cancel */
	CHAR location;			/* Irp->CurrentLocation */
	KEVENT done;
};

/* KUnit .init/.exit of the suites that need the driver. */
int iot_init(struct kunit *test);
void iot_exit(struct kunit *test);

static inline struct iot *iot_of(struct kunit *test)
{
	return test->priv;
}

PDEVICE_OBJECT iot_create(struct kunit *test, const WCHAR *name,
			  PDRIVER_DISPATCH fn, void *ctx);
PDEVICE_OBJECT iot_attach(struct kunit *test, PDEVICE_OBJECT target,
			  PDRIVER_DISPATCH fn, void *ctx);
static inline struct iot_dev *iot_dev(PDEVICE_OBJECT dev)
{
	return dev->DeviceExtension;
}

PIRP iot_irp(struct kunit *test, PDEVICE_OBJECT target, UCHAR major,
	     struct iot_origin *o);
NTSTATUS NTAPI iot_origin_routine(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx);

void iot_log(struct iot *t, int id);
int iot_new_reports(struct kunit *test);
long iot_blocks(struct kunit *test);
bool iot_wait_blocks(struct kunit *test, long blocks);

/* Dispatch behaviours */
NTSTATUS NTAPI iot_complete(PDEVICE_OBJECT dev, PIRP irp);
NTSTATUS NTAPI iot_pass_skip(PDEVICE_OBJECT dev, PIRP irp);
NTSTATUS NTAPI iot_pass_copy(PDEVICE_OBJECT dev, PIRP irp);
NTSTATUS NTAPI iot_pend(PDEVICE_OBJECT dev, PIRP irp);

/*
 * iot_wait_for_stop() - the end of a test kthread that has done its work:
 * sleep until kthread_stop() (which needs the thread alive), then exit.
 */
int iot_wait_for_stop(void);

#endif /* _WDMSHIM_KUNIT_IO_HARNESS_H */
