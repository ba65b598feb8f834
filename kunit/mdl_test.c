// SPDX-License-Identifier: GPL-2.0
/*
 * mdl_test.c - KUnit tests of memory descriptor lists: IoAllocateMdl,
 * chaining, locking, system mappings and the MmGetMdl* macros.
 *
 * Semantics are Windows': an MDL describes a buffer as a page-aligned
 * StartVa, a ByteOffset into its first page and a ByteCount, and is
 * sizeof(MDL) plus one PFN_NUMBER per page spanned; a secondary buffer is
 * chained at the end of the IRP's MdlAddress list; a nonpaged pool
 * buffer's system address is the buffer itself; locked pages mapped into
 * system space alias the buffer. The MDLs a test driver allocates are
 * charged to it, so leaks show in its pool account.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "io_harness.h"

#define TAG_MDLT 0x746c644dU	/* 'tldM' */

static void mdl_allocate_fields(struct kunit *test)
{
	long blocks = iot_blocks(test);
	u8 *buf = kunit_kmalloc(test, 4 * PAGE_SIZE, GFP_KERNEL);
	u8 *va;
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	va = buf + 0x123;
	mdl = IoAllocateMdl(va, 5000, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	KUNIT_EXPECT_PTR_EQ(test, mdl->StartVa,
			    (PVOID)((ULONG_PTR)va & PAGE_MASK));
	KUNIT_EXPECT_EQ(test, (ULONG_PTR)mdl->StartVa % PAGE_SIZE, 0UL);
	KUNIT_EXPECT_EQ(test, mdl->ByteOffset, (ULONG)offset_in_page(va));
	KUNIT_EXPECT_EQ(test, mdl->ByteCount, 5000U);
	KUNIT_EXPECT_EQ(test, mdl->Size,
			(CSHORT)(sizeof(MDL) +
				 ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, 5000) *
				 sizeof(ULONG_PTR)));
	KUNIT_EXPECT_NULL(test, mdl->Next);
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags &
			   (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA));
	/* The accessor macros. */
	KUNIT_EXPECT_PTR_EQ(test, MmGetMdlVirtualAddress(mdl), (PVOID)va);
	KUNIT_EXPECT_EQ(test, MmGetMdlByteCount(mdl), 5000U);
	KUNIT_EXPECT_EQ(test, MmGetMdlByteOffset(mdl), (ULONG)offset_in_page(va));
	/* Charged to the driver that allocated it. */
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks + 1);
	IoFreeMdl(mdl);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
}

static void mdl_spans_pages(struct kunit *test)
{
	static const struct { ULONG off, len, pages; } cases[] = {
		{ 0, 1, 1 }, { 0, PAGE_SIZE, 1 }, { 0, PAGE_SIZE + 1, 2 },
		{ PAGE_SIZE - 1, 2, 2 }, { 100, 2 * PAGE_SIZE, 3 },
		{ 0, 3 * PAGE_SIZE, 3 },
	};
	u8 *buf = kunit_kmalloc(test, 4 * PAGE_SIZE, GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, offset_in_page(buf), 0UL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		PMDL mdl = IoAllocateMdl(buf + cases[i].off, cases[i].len, FALSE,
					 FALSE, NULL);

		KUNIT_ASSERT_NOT_NULL(test, mdl);
		KUNIT_EXPECT_EQ_MSG(test, mdl->Size,
				    (CSHORT)(sizeof(MDL) +
					     cases[i].pages * sizeof(ULONG_PTR)),
				    "case %zu", i);
		KUNIT_EXPECT_EQ(test, mdl->ByteOffset,
				cases[i].off % (ULONG)PAGE_SIZE);
		KUNIT_EXPECT_PTR_EQ(test, mdl->StartVa,
				    (PVOID)(buf + cases[i].off / PAGE_SIZE *
					    PAGE_SIZE));
		IoFreeMdl(mdl);
	}
}

static void mdl_chain_secondary_buffers(struct kunit *test)
{
	u8 *a = kunit_kmalloc(test, 300, GFP_KERNEL);
	PIRP irp = IoAllocateIrp(1, FALSE);
	PMDL m1, m2, m3, alone, next;
	long blocks;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	blocks = iot_blocks(test);
	m1 = IoAllocateMdl(a, 100, FALSE, FALSE, irp);
	KUNIT_ASSERT_NOT_NULL(test, m1);
	KUNIT_EXPECT_PTR_EQ(test, irp->MdlAddress, m1);
	m2 = IoAllocateMdl(a + 100, 100, TRUE, FALSE, irp);
	m3 = IoAllocateMdl(a + 200, 100, TRUE, FALSE, irp);
	KUNIT_ASSERT_NOT_NULL(test, m2);
	KUNIT_ASSERT_NOT_NULL(test, m3);
	/* Secondary buffers go at the end of the chain. */
	KUNIT_EXPECT_PTR_EQ(test, irp->MdlAddress, m1);
	KUNIT_EXPECT_PTR_EQ(test, m1->Next, m2);
	KUNIT_EXPECT_PTR_EQ(test, m2->Next, m3);
	KUNIT_EXPECT_NULL(test, m3->Next);
	/* Without an IRP: attached to nothing. */
	alone = IoAllocateMdl(a, 10, TRUE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, alone);
	KUNIT_EXPECT_NULL(test, m3->Next);
	IoFreeMdl(alone);

	for (m1 = irp->MdlAddress; m1; m1 = next) {
		next = m1->Next;
		IoFreeMdl(m1);
	}
	irp->MdlAddress = NULL;
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	IoFreeIrp(irp);
}

static void mdl_nonpaged_pool_system_address(struct kunit *test)
{
	long blocks = iot_blocks(test);
	u8 *buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, 300, TAG_MDLT);
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = IoAllocateMdl(buf + 4, 200, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmBuildMdlForNonPagedPool(mdl);
	KUNIT_EXPECT_TRUE(test, mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
	KUNIT_EXPECT_PTR_EQ(test, mdl->MappedSystemVa, (PVOID)(buf + 4));
	/* Its system address is the buffer itself, without a mapping. */
	KUNIT_EXPECT_PTR_EQ(test, MmGetSystemAddressForMdlSafe(mdl,
							       NormalPagePriority),
			    (PVOID)(buf + 4));
	KUNIT_EXPECT_PTR_EQ(test, MmGetMdlVirtualAddress(mdl), (PVOID)(buf + 4));
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA);
	IoFreeMdl(mdl);
	ExFreePoolWithTag(buf, TAG_MDLT);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void mdl_vmalloc_lock_map_write(struct kunit *test)
{
	size_t len = 3 * PAGE_SIZE - 200, i;
	u8 *vbuf = vzalloc(3 * PAGE_SIZE), *va, *map;
	long blocks = iot_blocks(test);
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, vbuf);
	va = vbuf + 100;
	mdl = IoAllocateMdl(va, len, FALSE, FALSE, NULL);
	if (!mdl) {
		vfree(vbuf);
		KUNIT_FAIL(test, "IoAllocateMdl failed");
		return;
	}
	KUNIT_EXPECT_EQ(test, mdl->Size, (CSHORT)(sizeof(MDL) + 3 * sizeof(ULONG_PTR)));
	KUNIT_EXPECT_EQ(test, wdm_mdl_lock(mdl, false, IoWriteAccess),
			STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);
	/* Locking twice is refused. */
	KUNIT_EXPECT_EQ(test, wdm_mdl_lock(mdl, false, IoWriteAccess),
			STATUS_INVALID_PARAMETER);

	map = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL,
					   FALSE, NormalPagePriority);
	KUNIT_EXPECT_NOT_NULL(test, map);
	if (map) {
		KUNIT_EXPECT_TRUE(test, mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA);
		KUNIT_EXPECT_PTR_EQ(test, mdl->MappedSystemVa, (PVOID)map);
		KUNIT_EXPECT_EQ(test, offset_in_page(map), offset_in_page(va));
		/* Mapped once: the macro returns the same mapping. */
		KUNIT_EXPECT_PTR_EQ(test, MmGetSystemAddressForMdlSafe(mdl,
								       NormalPagePriority),
				    (PVOID)map);
		/* Writes through the mapping land in the buffer... */
		for (i = 0; i < len; i++)
			map[i] = (u8)(i * 7 + 1);
		for (i = 0; i < len && va[i] == (u8)(i * 7 + 1); i++)
			;
		KUNIT_EXPECT_EQ(test, i, len);
		/* ...and nothing outside it was touched. */
		KUNIT_EXPECT_NULL(test, memchr_inv(vbuf, 0, 100));
		KUNIT_EXPECT_NULL(test, memchr_inv(va + len, 0, 100));
		/* The other way round too. */
		va[len - 1] = 0xab;
		KUNIT_EXPECT_EQ(test, map[len - 1], 0xab);
		MmUnmapLockedPages(map, mdl);
		KUNIT_EXPECT_FALSE(test, mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA);
	}
	MmUnlockPages(mdl);
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);
	IoFreeMdl(mdl);
	vfree(vbuf);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void mdl_probe_and_lock_kernel_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	u8 *sys;
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmProbeAndLockPages(mdl, KernelMode, IoModifyAccess);
	KUNIT_EXPECT_TRUE(test, mdl->MdlFlags & MDL_PAGES_LOCKED);
	sys = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
	KUNIT_ASSERT_NOT_NULL(test, sys);
	sys[0] = 0x11;
	sys[63] = 0x22;
	KUNIT_EXPECT_EQ(test, buf[0], 0x11);
	KUNIT_EXPECT_EQ(test, buf[63], 0x22);
	MmUnlockPages(mdl);
	KUNIT_EXPECT_FALSE(test, mdl->MdlFlags &
			   (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA));
	IoFreeMdl(mdl);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void mdl_lock_refuses_foreign_addresses(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	PMDL user, kern;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* A user address presented as a kernel buffer... */
	user = IoAllocateMdl((PVOID)0x10000, 100, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, user);
	KUNIT_EXPECT_EQ(test, wdm_mdl_lock(user, false, IoReadAccess),
			STATUS_ACCESS_VIOLATION);
	/* (MmProbeAndLockPages cannot raise: it reports.) */
	MmProbeAndLockPages(user, KernelMode, IoReadAccess);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_FALSE(test, user->MdlFlags & MDL_PAGES_LOCKED);
	KUNIT_EXPECT_NULL(test, MmGetSystemAddressForMdlSafe(user,
							     NormalPagePriority));
	IoFreeMdl(user);

	/* ...and kernel memory presented as a user buffer. */
	kern = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, kern);
	KUNIT_EXPECT_EQ(test, wdm_mdl_lock(kern, true, IoWriteAccess),
			STATUS_ACCESS_VIOLATION);
	MmProbeAndLockPages(kern, UserMode, IoWriteAccess);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_FALSE(test, kern->MdlFlags & MDL_PAGES_LOCKED);
	IoFreeMdl(kern);
}

static void mdl_misuse_reported(struct kunit *test)
{
	long blocks = iot_blocks(test);
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* Unlocking what is not locked: reported, nothing done. */
	mdl = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmUnlockPages(mdl);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	/* Freeing a locked (and mapped) MDL: reported, unlocked, freed. */
	MmProbeAndLockPages(mdl, KernelMode, IoReadAccess);
	KUNIT_EXPECT_NOT_NULL(test, MmGetSystemAddressForMdlSafe(mdl,
								 NormalPagePriority));
	IoFreeMdl(mdl);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
}

static struct kunit_case mdl_cases[] = {
	KUNIT_CASE(mdl_allocate_fields),
	KUNIT_CASE(mdl_spans_pages),
	KUNIT_CASE(mdl_chain_secondary_buffers),
	KUNIT_CASE(mdl_nonpaged_pool_system_address),
	KUNIT_CASE(mdl_vmalloc_lock_map_write),
	KUNIT_CASE(mdl_probe_and_lock_kernel_buffer),
	KUNIT_CASE(mdl_lock_refuses_foreign_addresses),
	KUNIT_CASE(mdl_misuse_reported),
	{}
};

static struct kunit_suite mdl_suite = {
	.name = "wdmshim_mdl",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = mdl_cases,
};

kunit_test_suites(&mdl_suite);
