// SPDX-License-Identifier: GPL-2.0
/*
 * io_device_test.c - KUnit tests of device objects, device stacks, object
 * references and symbolic links.
 *
 * Semantics are Windows' (DESIGN.md section 4, "Objects"): IoCreateDevice
 * gives a zeroed, 16-byte aligned extension, DO_DEVICE_INITIALIZING until
 * the driver clears it, StackSize 1, and links the device at the head of
 * its driver's list; a name in use is STATUS_OBJECT_NAME_COLLISION.
 * Attaching goes to the top of the stack with StackSize = below + 1, and
 * not over a device still initializing. References keep a deleted device
 * alive until the last one is dropped. Symbolic links live in the DOS
 * device namespace (\DosDevices\X, \??\X, \GLOBAL??\X: one namespace).
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "io_harness.h"

static int refs_of(PDEVICE_OBJECT dev)
{
	return refcount_read(&wdm_device_of(dev)->refs);
}

static NTSTATUS create(struct kunit *test, ULONG ext, const WCHAR *name,
		       ULONG characteristics, BOOLEAN exclusive,
		       PDEVICE_OBJECT *dev)
{
	UNICODE_STRING u;

	if (name)
		RtlInitUnicodeString(&u, name);
	return IoCreateDevice(iot_of(test)->obj, ext, name ? &u : NULL,
			      FILE_DEVICE_UNKNOWN, characteristics, exclusive,
			      dev);
}

static void create_device_fields(struct kunit *test)
{
	PDRIVER_OBJECT obj = iot_of(test)->obj;
	PDEVICE_OBJECT dev = NULL, ex = NULL;
	UNICODE_STRING name;

	RtlInitUnicodeString(&name, L"\\Device\\kunit_fields");
	KUNIT_ASSERT_EQ(test, IoCreateDevice(obj, 40, &name, FILE_DEVICE_DISK,
					     FILE_REMOVABLE_MEDIA, FALSE, &dev),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->Type, IO_TYPE_DEVICE);
	KUNIT_EXPECT_EQ(test, dev->Size, (USHORT)(sizeof(DEVICE_OBJECT) + 40));
	KUNIT_EXPECT_PTR_EQ(test, dev->DriverObject, obj);
	KUNIT_EXPECT_EQ(test, dev->Flags & (DO_DEVICE_INITIALIZING | DO_EXCLUSIVE),
			(ULONG)DO_DEVICE_INITIALIZING);
	KUNIT_EXPECT_EQ(test, dev->StackSize, 1);
	KUNIT_EXPECT_EQ(test, dev->DeviceType, (DEVICE_TYPE)FILE_DEVICE_DISK);
	KUNIT_EXPECT_TRUE(test, dev->Characteristics & FILE_REMOVABLE_MEDIA);
	KUNIT_EXPECT_NULL(test, dev->AttachedDevice);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	KUNIT_ASSERT_NOT_NULL(test, dev->DeviceObjectExtension);
	KUNIT_EXPECT_EQ(test, dev->DeviceObjectExtension->Type,
			IO_TYPE_DEVICE_OBJECT_EXTENSION);
	KUNIT_EXPECT_PTR_EQ(test, dev->DeviceObjectExtension->DeviceObject, dev);
	KUNIT_EXPECT_NULL(test, dev->DeviceObjectExtension->AttachedTo);

	/* Exclusive: DO_EXCLUSIVE too. */
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, TRUE, &ex), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, ex->Flags & (DO_DEVICE_INITIALIZING | DO_EXCLUSIVE),
			(ULONG)(DO_DEVICE_INITIALIZING | DO_EXCLUSIVE));
	/* No extension asked for: none. */
	KUNIT_EXPECT_NULL(test, ex->DeviceExtension);
	IoDeleteDevice(ex);
	IoDeleteDevice(dev);
}

static void create_device_extension_zeroed_aligned(struct kunit *test)
{
	static const ULONG sizes[] = { 1, 7, 16, 24, 40, 100, 200, 1000, 4096,
				       10000 };
	PDEVICE_OBJECT dev[ARRAY_SIZE(sizes)];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		KUNIT_ASSERT_EQ(test, create(test, sizes[i], NULL, 0, FALSE,
					     &dev[i]), STATUS_SUCCESS);
		KUNIT_ASSERT_NOT_NULL(test, dev[i]->DeviceExtension);
		KUNIT_EXPECT_EQ_MSG(test, (ULONG_PTR)dev[i]->DeviceExtension % 16,
				    0UL, "extension of %u bytes", sizes[i]);
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(dev[i]->DeviceExtension,
						       0, sizes[i]),
				      "extension of %u bytes", sizes[i]);
		/* All of it usable (KASAN checks the bounds). */
		memset(dev[i]->DeviceExtension, 0x5a, sizes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		IoDeleteDevice(dev[i]);
}

static void create_device_linked_at_head(struct kunit *test)
{
	PDRIVER_OBJECT obj = iot_of(test)->obj;
	PDEVICE_OBJECT first = obj->DeviceObject, a, b, c;

	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &b), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &c), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, obj->DeviceObject, c);
	KUNIT_EXPECT_PTR_EQ(test, c->NextDevice, b);
	KUNIT_EXPECT_PTR_EQ(test, b->NextDevice, a);
	KUNIT_EXPECT_PTR_EQ(test, a->NextDevice, first);

	/* Deleting unlinks: from the middle, then the head. */
	IoDeleteDevice(b);
	KUNIT_EXPECT_PTR_EQ(test, obj->DeviceObject, c);
	KUNIT_EXPECT_PTR_EQ(test, c->NextDevice, a);
	IoDeleteDevice(c);
	KUNIT_EXPECT_PTR_EQ(test, obj->DeviceObject, a);
	IoDeleteDevice(a);
	KUNIT_EXPECT_PTR_EQ(test, obj->DeviceObject, first);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void create_device_name_collision(struct kunit *test)
{
	PDEVICE_OBJECT a, b = (PDEVICE_OBJECT)test;

	KUNIT_ASSERT_EQ(test, create(test, 0, L"\\Device\\kunit_same", 0, FALSE,
				     &a), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, create(test, 0, L"\\Device\\kunit_same", 0, FALSE,
				     &b), STATUS_OBJECT_NAME_COLLISION);
	KUNIT_EXPECT_NULL(test, b);
	/* Object names are case-insensitive. */
	KUNIT_EXPECT_EQ(test, create(test, 0, L"\\DEVICE\\KUNIT_SAME", 0, FALSE,
				     &b), STATUS_OBJECT_NAME_COLLISION);
	KUNIT_EXPECT_PTR_EQ(test, iot_of(test)->obj->DeviceObject, a);
	/* Deleting frees the name. */
	IoDeleteDevice(a);
	KUNIT_EXPECT_EQ(test, create(test, 0, L"\\Device\\kunit_same", 0, FALSE,
				     &b), STATUS_SUCCESS);
	IoDeleteDevice(b);
}

static void create_device_unnamed(struct kunit *test)
{
	PDEVICE_OBJECT a, b;

	KUNIT_ASSERT_EQ(test, create(test, 8, NULL, 0, FALSE, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, create(test, 8, NULL, 0, FALSE, &b), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	KUNIT_EXPECT_EQ(test, wdm_device_of(a)->name.Length, 0);
	KUNIT_EXPECT_EQ(test, wdm_device_of(b)->name.Length, 0);
	IoDeleteDevice(a);
	IoDeleteDevice(b);
}

static void create_device_autogenerated_name(struct kunit *test)
{
	PDEVICE_OBJECT a, b, c;
	UNICODE_STRING prefix, name;

	KUNIT_ASSERT_EQ(test, create(test, 0, NULL,
				     FILE_AUTOGENERATED_DEVICE_NAME, FALSE, &a),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL,
				     FILE_AUTOGENERATED_DEVICE_NAME, FALSE, &b),
			STATUS_SUCCESS);
	RtlInitUnicodeString(&prefix, L"\\Device\\");
	KUNIT_EXPECT_TRUE(test, RtlPrefixUnicodeString(&prefix,
						       &wdm_device_of(a)->name,
						       TRUE));
	KUNIT_EXPECT_GT(test, wdm_device_of(a)->name.Length, prefix.Length);
	KUNIT_EXPECT_FALSE(test, RtlEqualUnicodeString(&wdm_device_of(a)->name,
						       &wdm_device_of(b)->name,
						       TRUE));
	/* A real name: taking it again collides. */
	name = wdm_device_of(a)->name;
	KUNIT_EXPECT_EQ(test, IoCreateDevice(iot_of(test)->obj, 0, &name,
					     FILE_DEVICE_UNKNOWN, 0, FALSE, &c),
			STATUS_OBJECT_NAME_COLLISION);
	IoDeleteDevice(a);
	IoDeleteDevice(b);
}

static void attach_stack_size_and_links(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL), b;

	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &b), STATUS_SUCCESS);
	a->StackSize = 2;	/* as if a were over another device */
	a->AlignmentRequirement = 7;	/* FILE_QUAD_ALIGNMENT */
	b->AlignmentRequirement = 15;	/* taken from below, whatever it was */
	KUNIT_EXPECT_PTR_EQ(test, IoAttachDeviceToDeviceStack(b, a), a);
	KUNIT_EXPECT_EQ(test, b->StackSize, 3);
	KUNIT_EXPECT_PTR_EQ(test, a->AttachedDevice, b);
	KUNIT_EXPECT_PTR_EQ(test, b->DeviceObjectExtension->AttachedTo, a);
	KUNIT_EXPECT_NULL(test, b->AttachedDevice);
	KUNIT_EXPECT_EQ(test, b->AlignmentRequirement, 7U);
	IoDetachDevice(a);
	IoDeleteDevice(b);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void attach_goes_to_top_of_stack(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL), c, d;
	PDEVICE_OBJECT below = NULL;

	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &c), STATUS_SUCCESS);
	/* Naming the bottom device attaches over the current top. */
	KUNIT_EXPECT_PTR_EQ(test, IoAttachDeviceToDeviceStack(c, a), b);
	KUNIT_EXPECT_EQ(test, c->StackSize, 3);
	KUNIT_EXPECT_PTR_EQ(test, b->AttachedDevice, c);
	KUNIT_EXPECT_PTR_EQ(test, a->AttachedDevice, b);
	KUNIT_EXPECT_PTR_EQ(test, c->DeviceObjectExtension->AttachedTo, b);
	c->Flags &= ~DO_DEVICE_INITIALIZING;

	/* The Safe variant, naming the middle one. */
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &d), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, IoAttachDeviceToDeviceStackSafe(d, b, &below),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, below, c);
	KUNIT_EXPECT_EQ(test, d->StackSize, 4);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void attach_refused(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL), b, c, below;

	/* Over a device still initializing: no filter can attach yet. */
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &b), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &c), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, IoAttachDeviceToDeviceStack(b, a), a);
	KUNIT_EXPECT_NULL(test, IoAttachDeviceToDeviceStack(c, a));
	below = (PDEVICE_OBJECT)test;
	KUNIT_EXPECT_EQ(test, IoAttachDeviceToDeviceStackSafe(c, a, &below),
			STATUS_NO_SUCH_DEVICE);
	KUNIT_EXPECT_NULL(test, below);
	KUNIT_EXPECT_NULL(test, b->AttachedDevice);
	KUNIT_EXPECT_EQ(test, c->StackSize, 1);
	b->Flags &= ~DO_DEVICE_INITIALIZING;
	KUNIT_EXPECT_PTR_EQ(test, IoAttachDeviceToDeviceStack(c, a), b);
	/* A device already attached cannot attach again. */
	KUNIT_EXPECT_NULL(test, IoAttachDeviceToDeviceStack(c, a));
	KUNIT_EXPECT_PTR_EQ(test, c->DeviceObjectExtension->AttachedTo, b);
}

static void detach_device(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL), c;

	IoDetachDevice(a);
	KUNIT_EXPECT_NULL(test, a->AttachedDevice);
	KUNIT_EXPECT_NULL(test, b->DeviceObjectExtension->AttachedTo);
	/* The stack is a alone again: the next attach goes right over it. */
	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &c), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, IoAttachDeviceToDeviceStack(c, a), a);
	KUNIT_EXPECT_EQ(test, c->StackSize, 2);
	IoDetachDevice(a);
	IoDeleteDevice(c);
	IoDeleteDevice(b);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	/* Detaching from a device nothing is attached to is reported. */
	IoDetachDevice(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

static void attached_device_reference(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL);
	PDEVICE_OBJECT c = iot_attach(test, a, NULL, NULL);
	int ra = refs_of(a), rb = refs_of(b), rc = refs_of(c);
	PDEVICE_OBJECT top;

	/* The top of the stack, from any device of it, referenced. */
	top = IoGetAttachedDeviceReference(a);
	KUNIT_EXPECT_PTR_EQ(test, top, c);
	KUNIT_EXPECT_EQ(test, refs_of(c), rc + 1);
	ObDereferenceObject(top);
	top = IoGetAttachedDeviceReference(b);
	KUNIT_EXPECT_PTR_EQ(test, top, c);
	ObDereferenceObject(top);
	top = IoGetAttachedDeviceReference(c);
	KUNIT_EXPECT_PTR_EQ(test, top, c);
	ObDereferenceObject(top);
	KUNIT_EXPECT_EQ(test, refs_of(a), ra);
	KUNIT_EXPECT_EQ(test, refs_of(b), rb);
	KUNIT_EXPECT_EQ(test, refs_of(c), rc);
}

static void lower_device_object(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL);
	PDEVICE_OBJECT c = iot_attach(test, b, NULL, NULL);
	int ra = refs_of(a), rb = refs_of(b);
	PDEVICE_OBJECT lower;

	lower = IoGetLowerDeviceObject(c);
	KUNIT_EXPECT_PTR_EQ(test, lower, b);
	KUNIT_EXPECT_EQ(test, refs_of(b), rb + 1);
	ObDereferenceObject(lower);
	lower = IoGetLowerDeviceObject(b);
	KUNIT_EXPECT_PTR_EQ(test, lower, a);
	KUNIT_EXPECT_EQ(test, refs_of(a), ra + 1);
	ObDereferenceObject(lower);
	KUNIT_EXPECT_NULL(test, IoGetLowerDeviceObject(a));
	KUNIT_EXPECT_EQ(test, refs_of(a), ra);
	KUNIT_EXPECT_EQ(test, refs_of(b), rb);
}

static void attach_device_by_name(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, L"\\Device\\kunit_target", NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL), c, attached;
	UNICODE_STRING name;

	KUNIT_ASSERT_EQ(test, create(test, 0, NULL, 0, FALSE, &c), STATUS_SUCCESS);
	RtlInitUnicodeString(&name, L"\\Device\\kunit_target");
	KUNIT_EXPECT_EQ(test, IoAttachDevice(c, &name, &attached), STATUS_SUCCESS);
	/* Over the top of the named device's stack. */
	KUNIT_EXPECT_PTR_EQ(test, attached, b);
	KUNIT_EXPECT_EQ(test, c->StackSize, 3);
	KUNIT_EXPECT_PTR_EQ(test, b->AttachedDevice, c);

	RtlInitUnicodeString(&name, L"\\Device\\kunit_nowhere");
	attached = (PDEVICE_OBJECT)test;
	KUNIT_EXPECT_EQ(test, IoAttachDevice(b, &name, &attached),
			STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_NULL(test, attached);
}

static void ob_reference_device(struct kunit *test)
{
	PDRIVER_OBJECT obj = iot_of(test)->obj;
	PDEVICE_OBJECT dev, again;
	int refs;

	KUNIT_ASSERT_EQ(test, create(test, 32, L"\\Device\\kunit_ref", 0, FALSE,
				     &dev), STATUS_SUCCESS);
	refs = refs_of(dev);
	ObReferenceObject(dev);
	KUNIT_EXPECT_EQ(test, refs_of(dev), refs + 1);
	ObDereferenceObject(dev);
	KUNIT_EXPECT_EQ(test, refs_of(dev), refs);

	/* Deleted while referenced: gone from the driver and the names... */
	ObReferenceObject(dev);
	IoDeleteDevice(dev);
	KUNIT_EXPECT_PTR_NE(test, obj->DeviceObject, dev);
	KUNIT_EXPECT_EQ(test, create(test, 0, L"\\Device\\kunit_ref", 0, FALSE,
				     &again), STATUS_SUCCESS);
	/* ...but still there for the holder (KASAN watches) until released. */
	KUNIT_EXPECT_EQ(test, dev->Type, IO_TYPE_DEVICE);
	memset(dev->DeviceExtension, 0, 32);
	ObDereferenceObject(dev);
	IoDeleteDevice(again);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void delete_attached_device_reported(struct kunit *test)
{
	PDEVICE_OBJECT a = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, NULL, NULL);

	/* IoDetachDevice missing: reported, and detached for it. */
	IoDeleteDevice(b);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_NULL(test, a->AttachedDevice);
	KUNIT_EXPECT_PTR_EQ(test, iot_of(test)->obj->DeviceObject, a);
}

/* Dispatch for the opened device: record the create's parameters. */
static NTSTATUS NTAPI open_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
	PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
	PFILE_OBJECT *fo = iot_dev(dev)->ctx;

	if (s->MajorFunction == IRP_MJ_CREATE)
		*fo = s->FileObject;
	return iot_complete(dev, irp);
}

static void get_device_object_pointer(struct kunit *test)
{
	PFILE_OBJECT seen = NULL, fo = NULL;
	PDEVICE_OBJECT a = iot_create(test, L"\\Device\\kunit_open", NULL, NULL);
	PDEVICE_OBJECT b = iot_attach(test, a, open_dispatch, &seen), top = NULL;
	UNICODE_STRING name;

	RtlInitUnicodeString(&name, L"\\Device\\kunit_open");
	KUNIT_ASSERT_EQ(test, IoGetDeviceObjectPointer(&name, FILE_READ_DATA,
						       &fo, &top),
			STATUS_SUCCESS);
	/* IRP_MJ_CREATE went to the top; the file names the device. */
	KUNIT_EXPECT_PTR_EQ(test, top, b);
	KUNIT_EXPECT_EQ(test, iot_dev(b)->calls, 1);
	KUNIT_EXPECT_EQ(test, iot_dev(b)->major, IRP_MJ_CREATE);
	KUNIT_EXPECT_EQ(test, iot_dev(a)->calls, 0);
	KUNIT_ASSERT_NOT_NULL(test, fo);
	KUNIT_EXPECT_PTR_EQ(test, seen, fo);
	KUNIT_EXPECT_EQ(test, fo->Type, IO_TYPE_FILE);
	KUNIT_EXPECT_PTR_EQ(test, fo->DeviceObject, a);
	/* The last reference closes it: cleanup, then close. */
	ObReferenceObject(fo);
	ObDereferenceObject(fo);
	KUNIT_EXPECT_EQ(test, iot_dev(b)->calls, 1);
	ObDereferenceObject(fo);
	KUNIT_EXPECT_EQ(test, iot_dev(b)->calls, 3);
	KUNIT_EXPECT_EQ(test, iot_dev(b)->major, IRP_MJ_CLOSE);

	RtlInitUnicodeString(&name, L"\\Device\\kunit_nowhere");
	KUNIT_EXPECT_EQ(test, IoGetDeviceObjectPointer(&name, FILE_READ_DATA,
						       &fo, &top),
			STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static NTSTATUS mklink(const WCHAR *l, const WCHAR *d)
{
	UNICODE_STRING ul, ud;

	RtlInitUnicodeString(&ul, l);
	RtlInitUnicodeString(&ud, d);
	return IoCreateSymbolicLink(&ul, &ud);
}

static NTSTATUS rmlink(const WCHAR *l)
{
	UNICODE_STRING ul;

	RtlInitUnicodeString(&ul, l);
	return IoDeleteSymbolicLink(&ul);
}

static void symlink_dos_prefixes(struct kunit *test)
{
	static const WCHAR *const links[] = {
		L"\\DosDevices\\kunit_l1", L"\\??\\kunit_l2",
		L"\\GLOBAL??\\kunit_l3", L"\\dosdevices\\kunit_l4",
	};
	size_t i;

	iot_create(test, L"\\Device\\kunit_linked", NULL, NULL);
	for (i = 0; i < ARRAY_SIZE(links); i++)
		KUNIT_EXPECT_EQ_MSG(test, mklink(links[i], L"\\Device\\kunit_linked"),
				    STATUS_SUCCESS, "link %zu", i);
	for (i = 0; i < ARRAY_SIZE(links); i++)
		KUNIT_EXPECT_EQ_MSG(test, rmlink(links[i]), STATUS_SUCCESS,
				    "link %zu", i);
	/* The target is resolved when the link is opened, not now. */
	KUNIT_EXPECT_EQ(test, mklink(L"\\??\\kunit_l5", L"\\Device\\kunit_absent"),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, rmlink(L"\\??\\kunit_l5"), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void symlink_invalid_names(struct kunit *test)
{
	static const WCHAR *const bad[] = {
		L"\\Device\\kunit_bad", L"kunit_bad", L"\\DosDevices\\",
		L"\\??\\", L"\\DosDevices\\a/b", L"\\DosDevices\\a\\b",
		L"\\??\\a b", L"\\??\\..", L"\\??\\.", L"\\DosDevicesX\\a",
		L"",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mklink(bad[i], L"\\Device\\kunit_x"),
				    STATUS_OBJECT_NAME_INVALID, "name %zu", i);
	/* And a link needs a target. */
	KUNIT_EXPECT_EQ(test, mklink(L"\\DosDevices\\kunit_notarget", L""),
			STATUS_OBJECT_NAME_INVALID);
}

static void symlink_collision_and_missing(struct kunit *test)
{
	iot_create(test, L"\\Device\\kunit_linked", NULL, NULL);
	KUNIT_ASSERT_EQ(test, mklink(L"\\DosDevices\\kunit_dup",
				     L"\\Device\\kunit_linked"), STATUS_SUCCESS);
	/* One namespace, case-insensitive, whatever the prefix. */
	KUNIT_EXPECT_EQ(test, mklink(L"\\DosDevices\\kunit_dup",
				     L"\\Device\\kunit_linked"),
			STATUS_OBJECT_NAME_COLLISION);
	KUNIT_EXPECT_EQ(test, mklink(L"\\??\\KUNIT_DUP", L"\\Device\\kunit_linked"),
			STATUS_OBJECT_NAME_COLLISION);
	KUNIT_EXPECT_EQ(test, mklink(L"\\GLOBAL??\\kunit_dup",
				     L"\\Device\\kunit_linked"),
			STATUS_OBJECT_NAME_COLLISION);
	/* Deleted under another prefix; then it is missing. */
	KUNIT_EXPECT_EQ(test, rmlink(L"\\??\\kunit_dup"), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, rmlink(L"\\DosDevices\\kunit_dup"),
			STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, rmlink(L"\\DosDevices\\kunit_never"),
			STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, rmlink(L"\\Device\\kunit_linked"),
			STATUS_OBJECT_NAME_NOT_FOUND);
	/* The name is free again. */
	KUNIT_EXPECT_EQ(test, mklink(L"\\DosDevices\\kunit_dup",
				     L"\\Device\\kunit_linked"), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, rmlink(L"\\DosDevices\\kunit_dup"), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/*
 * IoDeleteDevice with a timer still set in the device extension: the
 * timer is cancelled (and reported) before the memory goes.
 */
static void delete_device_with_timer_set(struct kunit *test)
{
	LARGE_INTEGER due = { .QuadPart = -2000 * 10000 };	/* 2 s */
	PDEVICE_OBJECT dev;
	PKTIMER timer;
	int before;

	KUNIT_ASSERT_EQ(test, create(test, sizeof(KTIMER), NULL, 0, FALSE, &dev),
			STATUS_SUCCESS);
	timer = dev->DeviceExtension;
	KeInitializeTimer(timer);
	KeSetTimer(timer, due, NULL);
	before = atomic_read(&wdm_reports);
	IoDeleteDevice(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
}

static struct kunit_case io_device_cases[] = {
	KUNIT_CASE(create_device_fields),
	KUNIT_CASE(create_device_extension_zeroed_aligned),
	KUNIT_CASE(create_device_linked_at_head),
	KUNIT_CASE(create_device_name_collision),
	KUNIT_CASE(create_device_unnamed),
	KUNIT_CASE(create_device_autogenerated_name),
	KUNIT_CASE(attach_stack_size_and_links),
	KUNIT_CASE(attach_goes_to_top_of_stack),
	KUNIT_CASE(attach_refused),
	KUNIT_CASE(detach_device),
	KUNIT_CASE(attached_device_reference),
	KUNIT_CASE(lower_device_object),
	KUNIT_CASE(attach_device_by_name),
	KUNIT_CASE(ob_reference_device),
	KUNIT_CASE(delete_attached_device_reported),
	KUNIT_CASE(get_device_object_pointer),
	KUNIT_CASE(symlink_dos_prefixes),
	KUNIT_CASE(symlink_invalid_names),
	KUNIT_CASE(symlink_collision_and_missing),
	KUNIT_CASE(delete_device_with_timer_set),
	{}
};

static struct kunit_suite io_device_suite = {
	.name = "wdmshim_io_device",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_device_cases,
};

kunit_test_suites(&io_device_suite);
