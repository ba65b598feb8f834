// SPDX-License-Identifier: GPL-2.0
/*
 * hal_test.c - KUnit tests of hardware access: I/O space mappings and
 * register/port accessors, interrupt objects, DMA adapters.
 *
 * They drive the QEMU "edu" PCI device of the test VM (1234:11e8, no
 * driver bound in the KUnit boot), found and enabled by the suite's
 * suite_init; without it the cases are skipped. Interrupts are delivered
 * on its INTx line when the platform routes it, else (the test kernel's
 * ACPI cannot evaluate _PRT in time under TCG) on an MSI vector, the
 * line-based cases then calling the Linux handler directly.
 *
 * BAR0 registers: 0x00 id, 0x04 liveness (reads ~written), 0x08
 * factorial, 0x20 status (bit 0 busy, bit 7 interrupt when done), 0x24
 * interrupt status, 0x60 raise, 0x64 acknowledge, 0x80 DMA source, 0x88
 * destination, 0x90 count, 0x98 command (bit 0 start, bit 1 device to
 * RAM). The device's DMA buffer is at device address 0x40000;
 * a DMA of 0 bytes or one touching 0x40fff aborts QEMU, so edu_dma()
 * refuses them. A test device object stands for the PDO: its
 * wdm_device.ldev is the edu's struct device, as the PnP manager sets it.
 *
 * Semantics are Windows': an ISR runs above DISPATCH_LEVEL with the
 * interrupt spin lock held and queues a DPC; KeSynchronizeExecution
 * excludes the ISR; a common buffer's logical address is what the device
 * uses; a scatter/gather list describes the MDL's buffer for the device,
 * one element per physically contiguous run (one only for an adapter
 * without scatter/gather); map registers are the pages a transfer spans.
 * Rule violations are reported, never crashes.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/jiffies.h>
#include <linux/mc146818rtc.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include "io_harness.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_ID		0x00
#define EDU_LIVE	0x04
#define EDU_FACT	0x08
#define EDU_STATUS	0x20
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_BUF		0x40000ULL
#define EDU_BUF_END	0x40fffULL	/* a DMA touching it aborts QEMU */
#define EDU_BAR_SIZE	0x100000

/* The edu device, found and enabled by suite_init; NULL: skip. */
static struct pci_dev *edu;
static u8 *edu_bar;		/* BAR0 through MmMapIoSpace */

static u32 edu_rd(u32 reg)
{
	return READ_REGISTER_ULONG((volatile ULONG *)(edu_bar + reg));
}

static void edu_wr(u32 reg, u32 v)
{
	WRITE_REGISTER_ULONG((volatile ULONG *)(edu_bar + reg), v);
}

static void edu_wr64(u32 reg, u64 v)
{
	WRITE_REGISTER_ULONG64((volatile ULONG64 *)(edu_bar + reg), v);
}

/*
 * One DMA between RAM at @ram and the device buffer at EDU_BUF + @off,
 * waited for by polling. Refuses what would abort QEMU.
 */
static bool edu_dma(struct kunit *test, u64 ram, u32 off, u32 len, bool to_ram)
{
	unsigned long end = jiffies + 5 * HZ;

	KUNIT_ASSERT_TRUE(test, len > 0 && EDU_BUF + off + len <= EDU_BUF_END);
	edu_wr64(EDU_DMA_SRC, to_ram ? EDU_BUF + off : ram);
	edu_wr64(EDU_DMA_DST, to_ram ? ram : EDU_BUF + off);
	edu_wr64(EDU_DMA_CNT, len);
	edu_wr64(EDU_DMA_CMD, to_ram ? 3 : 1);
	while (READ_REGISTER_ULONG64((volatile ULONG64 *)(edu_bar + EDU_DMA_CMD)) & 1) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(2000, 5000);
	}
	return true;
}

/* Whether the edu's INTx line reaches its Linux interrupt here. */
static bool edu_intx_ok;

static irqreturn_t edu_probe_isr(int irq, void *data)
{
	u32 status = edu_rd(EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	edu_wr(EDU_IRQ_ACK, status);
	WRITE_ONCE(*(bool *)data, true);
	return IRQ_HANDLED;
}

/*
 * The test kernel's ACPI may fail to route the INTx line (its _PRT
 * evaluation times out under TCG): the line-based cases then check the
 * connection through the Linux handler directly and the others are
 * delivered over an MSI vector.
 */
static void edu_probe_intx(void)
{
	unsigned long end = jiffies + HZ / 2;

	edu_intx_ok = false;
	if (!edu->irq || request_irq(edu->irq, edu_probe_isr, IRQF_SHARED,
				     "wdm_hal_probe", &edu_intx_ok))
		return;
	edu_wr(EDU_IRQ_RAISE, 1);
	while (!READ_ONCE(edu_intx_ok) && !time_after(jiffies, end))
		usleep_range(5000, 10000);
	free_irq(edu->irq, &edu_intx_ok);
	edu_wr(EDU_IRQ_ACK, ~0U);
	if (!edu_intx_ok)
		pr_info("wdm_hal_test: edu INTx (irq %u) not delivered: interrupts tested over MSI\n",
			edu->irq);
}

static int hal_suite_init(struct kunit_suite *suite)
{
	PHYSICAL_ADDRESS pa;

	edu = pci_get_device(EDU_VENDOR, EDU_DEVICE, NULL);
	if (!edu)
		return 0;
	if (pci_enable_device(edu))
		goto put;
	pci_set_master(edu);
	pa.QuadPart = pci_resource_start(edu, 0);
	edu_bar = MmMapIoSpace(pa, EDU_BAR_SIZE, MmNonCached);
	if (!edu_bar)
		goto disable;
	edu_wr(EDU_IRQ_ACK, ~0U);
	edu_probe_intx();
	return 0;

disable:
	pci_clear_master(edu);
	pci_disable_device(edu);
put:
	pci_dev_put(edu);
	edu = NULL;
	return 0;
}

static void hal_suite_exit(struct kunit_suite *suite)
{
	if (!edu)
		return;
	edu_wr(EDU_IRQ_ACK, ~0U);
	MmUnmapIoSpace(edu_bar, EDU_BAR_SIZE);
	pci_clear_master(edu);
	pci_disable_device(edu);
	pci_dev_put(edu);
	edu = NULL;
}

static int hal_init(struct kunit *test)
{
	if (!edu)
		kunit_skip(test, "no QEMU edu device (1234:11e8)");
	return iot_init(test);
}

static void hal_exit(struct kunit *test)
{
	/* What a failed case left connected, before its vectors go. */
	wdm_interrupts_disconnect_module(THIS_MODULE);
	if (edu && pci_dev_msi_enabled(edu)) {
		edu_wr(EDU_IRQ_ACK, ~0U);
		pci_free_irq_vectors(edu);
	}
	iot_exit(test);
}

/*
 * The vector interrupts are delivered on: the INTx line if it works here,
 * else the MSI vector (enabled until the case ends).
 */
static unsigned int hal_vector(struct kunit *test)
{
	if (edu_intx_ok)
		return edu->irq;
	if (!pci_dev_msi_enabled(edu))
		KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_MSI), 1);
	return pci_irq_vector(edu, 0);
}

/*
 * Raise @status on the line-based connection @intr: delivered if the
 * INTx line works here, else through the Linux handler, as an interrupt
 * would (interrupts off).
 */
static void hal_raise_line(struct kunit *test, PKINTERRUPT intr, u32 status)
{
	unsigned long flags;

	edu_wr(EDU_IRQ_RAISE, status);
	if (edu_intx_ok)
		return;
	local_irq_save(flags);
	KUNIT_EXPECT_EQ(test, wdm_isr_thunk(edu->irq, intr), IRQ_HANDLED);
	local_irq_restore(flags);
}

/* A test device object standing for the edu's PDO. */
static PDEVICE_OBJECT hal_pdo(struct kunit *test)
{
	PDEVICE_OBJECT pdo = iot_create(test, NULL, NULL, NULL);

	wdm_device_of(pdo)->ldev = &edu->dev;
	return pdo;
}

/* I/O space and accessors */

static void iospace_bar_registers(struct kunit *test)
{
	PHYSICAL_ADDRESS pa = { .QuadPart = pci_resource_start(edu, 0) };
	ULONG regs[2];
	u8 *bar;

	/* A mapping of its own, through MmMapIoSpaceEx. */
	bar = MmMapIoSpaceEx(pa, PAGE_SIZE, WDM_PAGE_READWRITE | WDM_PAGE_NOCACHE);
	KUNIT_ASSERT_NOT_NULL(test, bar);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG((PULONG)(bar + EDU_ID)), 0x010000edU);
	WRITE_REGISTER_ULONG((PULONG)(bar + EDU_LIVE), 0x12345678);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG((PULONG)(bar + EDU_LIVE)), ~0x12345678U);
	/* The buffer form reads consecutive registers. */
	READ_REGISTER_BUFFER_ULONG((PULONG)bar, regs, 2);
	KUNIT_EXPECT_EQ(test, regs[0], 0x010000edU);
	KUNIT_EXPECT_EQ(test, regs[1], ~0x12345678U);
	MmUnmapIoSpace(bar, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void iospace_factorial(struct kunit *test)
{
	unsigned long end = jiffies + 5 * HZ;

	edu_wr(EDU_FACT, 10);
	while (edu_rd(EDU_STATUS) & 1) {
		KUNIT_ASSERT_FALSE(test, time_after(jiffies, end));
		usleep_range(100, 1000);
	}
	KUNIT_EXPECT_EQ(test, edu_rd(EDU_FACT), 3628800U);
}

static void iospace_register64(struct kunit *test)
{
	ULONG64 v[2] = { 0x1122334455667788ULL, 0x0000000012345000ULL }, r[2];

	/* 0x80/0x88, DMA source and destination, take 64-bit accesses. */
	WRITE_REGISTER_BUFFER_ULONG64((PULONG64)(edu_bar + EDU_DMA_SRC), v, 2);
	READ_REGISTER_BUFFER_ULONG64((PULONG64)(edu_bar + EDU_DMA_SRC), r, 2);
	KUNIT_EXPECT_EQ(test, r[0], v[0]);
	KUNIT_EXPECT_EQ(test, r[1], v[1]);
	WRITE_REGISTER_ULONG64((PULONG64)(edu_bar + EDU_DMA_SRC), 42);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG64((PULONG64)(edu_bar + EDU_DMA_SRC)), 42ULL);
}

/* System RAM maps cached only; every access width through the mapping. */
static void iospace_ram_accessors(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	PHYSICAL_ADDRESS pa;
	u8 *ram, *map;
	UCHAR b[4] = { 1, 2, 3, 4 }, rb[4];
	USHORT w[2] = { 0xa1a2, 0xb1b2 }, rw[2];

	KUNIT_ASSERT_NOT_NULL(test, page);
	ram = page_address(page);
	pa.QuadPart = page_to_phys(page);
	KUNIT_EXPECT_NULL(test, MmMapIoSpace(pa, PAGE_SIZE, MmNonCached));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	map = MmMapIoSpace(pa, PAGE_SIZE, MmCached);
	KUNIT_ASSERT_NOT_NULL(test, map);

	WRITE_REGISTER_UCHAR(map + 1, 0x5a);
	WRITE_REGISTER_USHORT((PUSHORT)(map + 2), 0xbeef);
	WRITE_REGISTER_ULONG((PULONG)(map + 4), 0xcafef00d);
	WRITE_REGISTER_ULONG64((PULONG64)(map + 8), 0x0123456789abcdefULL);
	KUNIT_EXPECT_EQ(test, ram[1], 0x5a);
	KUNIT_EXPECT_EQ(test, *(u16 *)(ram + 2), 0xbeef);
	KUNIT_EXPECT_EQ(test, *(u32 *)(ram + 4), 0xcafef00dU);
	KUNIT_EXPECT_EQ(test, *(u64 *)(ram + 8), 0x0123456789abcdefULL);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_UCHAR(map + 1), 0x5a);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_USHORT((PUSHORT)(map + 2)), 0xbeef);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG((PULONG)(map + 4)), 0xcafef00dU);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG64((PULONG64)(map + 8)),
			0x0123456789abcdefULL);

	WRITE_REGISTER_BUFFER_UCHAR(map + 16, b, 4);
	WRITE_REGISTER_BUFFER_USHORT((PUSHORT)(map + 20), w, 2);
	KUNIT_EXPECT_EQ(test, memcmp(ram + 16, b, 4), 0);
	KUNIT_EXPECT_EQ(test, memcmp(ram + 20, w, 4), 0);
	READ_REGISTER_BUFFER_UCHAR(map + 16, rb, 4);
	READ_REGISTER_BUFFER_USHORT((PUSHORT)(map + 20), rw, 2);
	KUNIT_EXPECT_EQ(test, memcmp(rb, b, 4), 0);
	KUNIT_EXPECT_EQ(test, memcmp(rw, w, 4), 0);

	MmUnmapIoSpace(map, PAGE_SIZE);
	__free_page(page);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* Ports: CMOS RAM through 0x70/0x71, under the kernel's RTC lock. */
static void iospace_ports(struct kunit *test)
{
	PUCHAR index = (PUCHAR)(ULONG_PTR)RTC_PORT(0);
	PUCHAR data = (PUCHAR)(ULONG_PTR)RTC_PORT(1);
	const UCHAR reg = 0x7e;		/* a CMOS RAM byte nobody uses */
	UCHAR old, got, rep[3];
	unsigned long flags;

	spin_lock_irqsave(&rtc_lock, flags);
	WRITE_PORT_UCHAR(index, reg);
	old = READ_PORT_UCHAR(data);
	WRITE_PORT_UCHAR(index, reg);
	WRITE_PORT_UCHAR(data, (UCHAR)~old);
	WRITE_PORT_UCHAR(index, reg);
	got = READ_PORT_UCHAR(data);
	/* The buffer form reads the one port again and again. */
	WRITE_PORT_UCHAR(index, reg);
	READ_PORT_BUFFER_UCHAR(data, rep, 3);
	WRITE_PORT_UCHAR(index, reg);
	WRITE_PORT_UCHAR(data, old);
	spin_unlock_irqrestore(&rtc_lock, flags);

	KUNIT_EXPECT_EQ(test, got, (UCHAR)~old);
	KUNIT_EXPECT_EQ(test, rep[0], (UCHAR)~old);
	KUNIT_EXPECT_EQ(test, rep[1], (UCHAR)~old);
	KUNIT_EXPECT_EQ(test, rep[2], (UCHAR)~old);
}

static void iospace_bad_calls_reported(struct kunit *test)
{
	PHYSICAL_ADDRESS pa = { .QuadPart = pci_resource_start(edu, 0) };
	KIRQL old;
	u8 *bar;

	MmUnmapIoSpace(NULL, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_NULL(test, MmMapIoSpace(pa, 0, MmNonCached));
	KUNIT_EXPECT_NULL(test, MmMapIoSpace(pa, PAGE_SIZE, MmMaximumCacheType));
	KUNIT_EXPECT_NULL(test, MmMapIoSpaceEx(pa, PAGE_SIZE, WDM_PAGE_EXECUTE_READWRITE));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 3);
	old = KeRaiseIrqlToDpcLevel();
	bar = MmMapIoSpace(pa, PAGE_SIZE, MmNonCached);
	KeLowerIrql(old);
	KUNIT_EXPECT_NULL(test, bar);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);

	bar = MmMapIoSpace(pa, PAGE_SIZE, MmNonCached);
	KUNIT_ASSERT_NOT_NULL(test, bar);
	MmUnmapIoSpace(bar, 2 * PAGE_SIZE);	/* wrong size: reported, unmapped */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	MmUnmapIoSpace(bar, PAGE_SIZE);		/* twice */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/* Unmapping at DISPATCH_LEVEL is allowed (done by a worker). */
static void iospace_unmap_at_dispatch(struct kunit *test)
{
	PHYSICAL_ADDRESS pa = { .QuadPart = pci_resource_start(edu, 0) };
	u8 *bar = MmMapIoSpace(pa, PAGE_SIZE, MmWriteCombined);
	KIRQL old;

	KUNIT_ASSERT_NOT_NULL(test, bar);
	KUNIT_EXPECT_EQ(test, READ_REGISTER_ULONG((PULONG)bar), 0x010000edU);
	old = KeRaiseIrqlToDpcLevel();
	MmUnmapIoSpace(bar, PAGE_SIZE);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* What a driver leaves mapped is reported and unmapped at its unload. */
static void iospace_left_mapped_at_unload(struct kunit *test)
{
	PHYSICAL_ADDRESS pa = { .QuadPart = pci_resource_start(edu, 0) };
	u8 *bar = MmMapIoSpace(pa, PAGE_SIZE, MmNonCached);

	KUNIT_ASSERT_NOT_NULL(test, bar);
	KUNIT_EXPECT_EQ(test, wdm_iospace_unmap_module(THIS_MODULE), 1);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	MmUnmapIoSpace(bar, PAGE_SIZE);		/* gone: reported */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/* Interrupts */

/* What an ISR saw, and the DPC it queued. */
struct isr_rec {
	atomic_t calls;
	atomic_t claimed;
	int force;			/* -1: claim iff the device raised */
	u32 status;			/* last non-zero interrupt status */
	KIRQL irql;
	bool irqs_off;
	bool lock_held;
	PKSPIN_LOCK lock;		/* the driver's, if it passed one */
	ULONG message;
	PDEVICE_OBJECT dev;		/* IoRequestDpc's, or NULL */
	PKINTERRUPT intr;
	KIRQL dpc_irql;
	KEVENT dpc_done;
};

/* Whether someone holds @lock (the caller, here). */
static bool lock_is_taken(PKSPIN_LOCK lock)
{
	spinlock_t *l = (spinlock_t *)lock;

	if (!spin_trylock(l))
		return true;
	spin_unlock(l);
	return false;
}

static BOOLEAN NTAPI isr(PKINTERRUPT intr, PVOID ctx)
{
	struct isr_rec *r = ctx;
	u32 status = edu_rd(EDU_IRQ_STATUS);
	BOOLEAN mine = status != 0;

	atomic_inc(&r->calls);
	r->irql = KeGetCurrentIrql();
	r->irqs_off = irqs_disabled();
	r->intr = intr;
	if (r->lock)
		r->lock_held = lock_is_taken(r->lock);
	if (status) {
		r->status = status;
		edu_wr(EDU_IRQ_ACK, status);
		if (r->dev)
			IoRequestDpc(r->dev, NULL, r);
	}
	if (r->force >= 0)
		mine = r->force;
	if (mine)
		atomic_inc(&r->claimed);
	return mine;
}

static BOOLEAN NTAPI msg_isr(PKINTERRUPT intr, PVOID ctx, ULONG message)
{
	struct isr_rec *r = ctx;

	r->message = message;
	return isr(intr, ctx);
}

static VOID NTAPI isr_dpc(PKDPC dpc, PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	struct isr_rec *r = ctx;

	r->dpc_irql = KeGetCurrentIrql();
	KeSetEvent(&r->dpc_done, IO_NO_INCREMENT, FALSE);
}

static struct isr_rec *isr_rec(struct kunit *test)
{
	struct isr_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->force = -1;
	KeInitializeEvent(&r->dpc_done, NotificationEvent, FALSE);
	return r;
}

/* Wait until the ISR has been called @n times in all. */
static bool isr_wait(struct isr_rec *r, int n)
{
	unsigned long end = jiffies + 5 * HZ;

	while (atomic_read(&r->calls) < n) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(500, 2000);
	}
	return true;
}

static NTSTATUS connect_irq(unsigned int vector, struct isr_rec *r,
			    PKINTERRUPT *intr, PKSPIN_LOCK lock)
{
	return IoConnectInterrupt(intr, isr, r, lock, vector, WDM_DIRQL,
				  WDM_DIRQL, LevelSensitive, TRUE, ~0UL, FALSE);
}

static void intr_isr_queues_dpc(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	LARGE_INTEGER timeout = { .QuadPart = -50000000LL };
	PKINTERRUPT intr;

	r->dev = iot_create(test, NULL, NULL, NULL);
	IoInitializeDpcRequest(r->dev, isr_dpc);
	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, NULL), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, intr);
	edu_wr(EDU_IRQ_RAISE, 0x40);
	KUNIT_EXPECT_EQ(test, KeWaitForSingleObject(&r->dpc_done, Executive,
						    KernelMode, FALSE, &timeout),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, r->status, 0x40U);
	KUNIT_EXPECT_PTR_EQ(test, r->intr, intr);
	KUNIT_EXPECT_EQ(test, r->irql, (KIRQL)WDM_DIRQL);
	KUNIT_EXPECT_GT(test, r->irql, (KIRQL)DISPATCH_LEVEL);
	KUNIT_EXPECT_TRUE(test, r->irqs_off);
	KUNIT_EXPECT_EQ(test, r->dpc_irql, (KIRQL)DISPATCH_LEVEL);
	KUNIT_EXPECT_EQ(test, edu_rd(EDU_IRQ_STATUS), 0U);
	IoDisconnectInterrupt(intr);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* The factorial's completion interrupt (status bit 7) reaches the ISR. */
static void intr_factorial_done(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	PKINTERRUPT intr;

	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, NULL), STATUS_SUCCESS);
	edu_wr(EDU_STATUS, 0x80);
	edu_wr(EDU_FACT, 5);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	KUNIT_EXPECT_EQ(test, r->status, 1U);
	KUNIT_EXPECT_EQ(test, edu_rd(EDU_FACT), 120U);
	edu_wr(EDU_STATUS, 0);
	IoDisconnectInterrupt(intr);
}

/* An ISR returning FALSE leaves the interrupt unhandled for Linux. */
static void intr_isr_false_is_unhandled(struct kunit *test)
{
	unsigned int vec = hal_vector(test);
	struct irq_data *data = irq_get_irq_data(vec);
	struct isr_rec *r = isr_rec(test);
	unsigned long before;
	struct irq_desc *desc;
	PKINTERRUPT intr;

	KUNIT_ASSERT_NOT_NULL(test, data);
	desc = irq_data_to_desc(data);
	r->force = FALSE;	/* acknowledges, but says it was not its */
	KUNIT_ASSERT_EQ(test, connect_irq(vec, r, &intr, NULL), STATUS_SUCCESS);
	before = jiffies;
	edu_wr(EDU_IRQ_RAISE, 1);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	msleep(20);	/* note_interrupt() runs after the handlers */
	KUNIT_EXPECT_EQ(test, atomic_read(&r->claimed), 0);
	KUNIT_EXPECT_GE(test, desc->irqs_unhandled, 1U);
	KUNIT_EXPECT_TRUE(test, time_after_eq(READ_ONCE(desc->last_unhandled),
					      before));
	IoDisconnectInterrupt(intr);
}

/* The Linux handler returns what the ISR says. */
static void intr_thunk_return_value(struct kunit *test)
{
	unsigned int vec = hal_vector(test);
	struct isr_rec *r = isr_rec(test);
	unsigned long flags;
	irqreturn_t t, f;
	PKINTERRUPT intr;

	KUNIT_ASSERT_EQ(test, connect_irq(vec, r, &intr, NULL), STATUS_SUCCESS);
	local_irq_save(flags);
	r->force = TRUE;
	t = wdm_isr_thunk(vec, intr);
	r->force = FALSE;
	f = wdm_isr_thunk(vec, intr);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, t, IRQ_HANDLED);
	KUNIT_EXPECT_EQ(test, f, IRQ_NONE);
	IoDisconnectInterrupt(intr);
}

/* Two ISRs on a shared vector: both are called, one acknowledges. */
static void intr_shared_vector(struct kunit *test)
{
	struct isr_rec *a = isr_rec(test), *b = isr_rec(test);
	unsigned int vec = hal_vector(test);
	PKINTERRUPT ia, ib;

	KUNIT_ASSERT_EQ(test, connect_irq(vec, a, &ia, NULL), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, connect_irq(vec, b, &ib, NULL), STATUS_SUCCESS);
	edu_wr(EDU_IRQ_RAISE, 2);
	KUNIT_EXPECT_TRUE(test, isr_wait(a, 1));
	KUNIT_EXPECT_TRUE(test, isr_wait(b, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->claimed) + atomic_read(&b->claimed), 1);
	IoDisconnectInterrupt(ia);
	IoDisconnectInterrupt(ib);
}

struct sync_rec {
	struct isr_rec *r;
	KIRQL irql;
	bool irqs_off;
	bool lock_held;
	int calls_before, calls_after;
};

static BOOLEAN NTAPI sync_routine(PVOID ctx)
{
	struct sync_rec *s = ctx;

	s->irql = KeGetCurrentIrql();
	s->irqs_off = irqs_disabled();
	if (s->r->lock)
		s->lock_held = lock_is_taken(s->r->lock);
	/* Raise now: the ISR cannot run before we return. */
	s->calls_before = atomic_read(&s->r->calls);
	edu_wr(EDU_IRQ_RAISE, 4);
	mdelay(30);
	s->calls_after = atomic_read(&s->r->calls);
	return 7;
}

static void intr_synchronize_excludes_isr(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	struct sync_rec s = { .r = r };
	KSPIN_LOCK lock;
	PKINTERRUPT intr;

	/* With the driver's own spin lock as the interrupt spin lock. */
	KeInitializeSpinLock(&lock);
	r->lock = &lock;
	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, &lock), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeSynchronizeExecution(intr, sync_routine, &s), 7);
	KUNIT_EXPECT_EQ(test, s.irql, (KIRQL)HIGH_LEVEL);
	KUNIT_EXPECT_TRUE(test, s.irqs_off);
	KUNIT_EXPECT_TRUE(test, s.lock_held);
	KUNIT_EXPECT_EQ(test, s.calls_after, s.calls_before);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, s.calls_before + 1));
	KUNIT_EXPECT_TRUE(test, r->lock_held);	/* the ISR ran under it too */
	KUNIT_EXPECT_EQ(test, r->status, 4U);
	IoDisconnectInterrupt(intr);
}

static void intr_acquire_spin_lock(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	PKINTERRUPT intr;
	KIRQL old, inside;
	int calls;

	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, NULL), STATUS_SUCCESS);
	old = KeAcquireInterruptSpinLock(intr);
	inside = KeGetCurrentIrql();
	calls = atomic_read(&r->calls);
	edu_wr(EDU_IRQ_RAISE, 8);
	mdelay(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->calls), calls);
	KeReleaseInterruptSpinLock(intr, old);
	KUNIT_EXPECT_EQ(test, old, (KIRQL)PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, inside, (KIRQL)HIGH_LEVEL);
	KUNIT_EXPECT_EQ(test, KeGetCurrentIrql(), (KIRQL)PASSIVE_LEVEL);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, calls + 1));
	IoDisconnectInterrupt(intr);
}

static void intr_ex_line_based(struct kunit *test)
{
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = CONNECT_LINE_BASED };
	IO_DISCONNECT_INTERRUPT_PARAMETERS d = { .Version = CONNECT_LINE_BASED };
	struct isr_rec *r = isr_rec(test);
	PKINTERRUPT intr = NULL;

	p.LineBased.PhysicalDeviceObject = hal_pdo(test);
	p.LineBased.InterruptObject = &intr;
	p.LineBased.ServiceRoutine = isr;
	p.LineBased.ServiceContext = r;
	KUNIT_ASSERT_EQ(test, IoConnectInterruptEx(&p), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, intr);
	hal_raise_line(test, intr, 0x10);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	KUNIT_EXPECT_EQ(test, r->status, 0x10U);
	d.ConnectionContext.InterruptObject = intr;
	IoDisconnectInterruptEx(&d);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void intr_ex_fully_specified(struct kunit *test)
{
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = CONNECT_FULLY_SPECIFIED };
	PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS f = &p.FullySpecified;
	struct isr_rec *r = isr_rec(test);
	PKINTERRUPT intr = NULL;

	f->PhysicalDeviceObject = hal_pdo(test);
	f->InterruptObject = &intr;
	f->ServiceRoutine = isr;
	f->ServiceContext = r;
	f->Vector = hal_vector(test) + 1;	/* not the device's */
	f->Irql = WDM_DIRQL;
	f->SynchronizeIrql = WDM_DIRQL;
	f->InterruptMode = LevelSensitive;
	f->ShareVector = TRUE;
	f->ProcessorEnableMask = ~0UL;
	KUNIT_EXPECT_EQ(test, IoConnectInterruptEx(&p), STATUS_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	f->ProcessorEnableMask = 0;
	f->Vector = hal_vector(test);
	KUNIT_EXPECT_EQ(test, IoConnectInterruptEx(&p), STATUS_INVALID_PARAMETER_10);
	f->ProcessorEnableMask = ~0UL;
	KUNIT_ASSERT_EQ(test, IoConnectInterruptEx(&p), STATUS_SUCCESS);
	edu_wr(EDU_IRQ_RAISE, 0x20);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	IoDisconnectInterrupt(intr);	/* either disconnect routine */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* No MSI enabled: the fallback ISR goes on the line, Version says so. */
static void intr_ex_message_fallback(struct kunit *test)
{
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = CONNECT_MESSAGE_BASED };
	IO_DISCONNECT_INTERRUPT_PARAMETERS d;
	struct isr_rec *r = isr_rec(test);
	PVOID ctx = NULL;

	KUNIT_ASSERT_FALSE(test, pci_dev_msi_enabled(edu));
	p.MessageBased.PhysicalDeviceObject = hal_pdo(test);
	p.MessageBased.ConnectionContext.Generic = &ctx;
	p.MessageBased.MessageServiceRoutine = msg_isr;
	p.MessageBased.ServiceContext = r;
	KUNIT_EXPECT_EQ(test, IoConnectInterruptEx(&p), STATUS_NOT_FOUND);
	p.MessageBased.FallBackServiceRoutine = isr;
	KUNIT_ASSERT_EQ(test, IoConnectInterruptEx(&p), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, p.Version, (ULONG)CONNECT_LINE_BASED);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	hal_raise_line(test, ctx, 0x100);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	d.Version = p.Version;
	d.ConnectionContext.Generic = ctx;
	IoDisconnectInterruptEx(&d);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* With MSI: one KINTERRUPT per message, in the message table. */
static void intr_ex_message_msi(struct kunit *test)
{
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = CONNECT_MESSAGE_BASED };
	IO_CONNECT_INTERRUPT_PARAMETERS l = { .Version = CONNECT_LINE_BASED };
	IO_DISCONNECT_INTERRUPT_PARAMETERS d = { .Version = CONNECT_MESSAGE_BASED };
	struct isr_rec *r = isr_rec(test);
	PIO_INTERRUPT_MESSAGE_INFO table = NULL;
	PKINTERRUPT line = NULL;
	struct sync_rec s = { .r = r };
	PDEVICE_OBJECT pdo = hal_pdo(test);
	int n;

	n = pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_MSI);
	if (n != 1)
		kunit_skip(test, "no MSI for the edu device (%d)", n);
	p.MessageBased.PhysicalDeviceObject = pdo;
	p.MessageBased.ConnectionContext.InterruptMessageTable = &table;
	p.MessageBased.MessageServiceRoutine = msg_isr;
	p.MessageBased.ServiceContext = r;
	p.MessageBased.FallBackServiceRoutine = isr;
	KUNIT_ASSERT_EQ(test, IoConnectInterruptEx(&p), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, p.Version, (ULONG)CONNECT_MESSAGE_BASED);
	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_EXPECT_EQ(test, table->MessageCount, 1U);
	KUNIT_EXPECT_EQ(test, table->UnifiedIrql, (KIRQL)WDM_DIRQL);
	KUNIT_EXPECT_EQ(test, table->MessageInfo[0].Vector,
			(ULONG)pci_irq_vector(edu, 0));
	KUNIT_EXPECT_NE(test, table->MessageInfo[0].MessageAddress.QuadPart, 0LL);
	KUNIT_EXPECT_NOT_NULL(test, table->MessageInfo[0].InterruptObject);

	/* Line-based while the device uses messages. */
	l.LineBased.PhysicalDeviceObject = pdo;
	l.LineBased.InterruptObject = &line;
	l.LineBased.ServiceRoutine = isr;
	l.LineBased.ServiceContext = r;
	KUNIT_EXPECT_EQ(test, IoConnectInterruptEx(&l), STATUS_INVALID_DEVICE_REQUEST);

	r->message = ~0U;
	edu_wr(EDU_IRQ_RAISE, 0x200);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, 1));
	KUNIT_EXPECT_EQ(test, r->message, 0U);
	KUNIT_EXPECT_EQ(test, r->status, 0x200U);
	KUNIT_EXPECT_PTR_EQ(test, r->intr, table->MessageInfo[0].InterruptObject);
	KUNIT_EXPECT_EQ(test, r->irql, (KIRQL)WDM_DIRQL);
	KUNIT_EXPECT_EQ(test, KeSynchronizeExecution(table->MessageInfo[0].InterruptObject,
						     sync_routine, &s), 7);
	KUNIT_EXPECT_EQ(test, s.calls_after, s.calls_before);
	KUNIT_EXPECT_TRUE(test, isr_wait(r, s.calls_before + 1));

	d.ConnectionContext.InterruptMessageTable = table;
	IoDisconnectInterruptEx(&d);
	edu_wr(EDU_IRQ_ACK, ~0U);
	pci_free_irq_vectors(edu);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void intr_bad_calls_reported(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = 9 };
	IO_DISCONNECT_INTERRUPT_PARAMETERS d = { .Version = CONNECT_MESSAGE_BASED };
	PKINTERRUPT intr = (PKINTERRUPT)1;
	KIRQL old;

	KUNIT_EXPECT_EQ(test, IoConnectInterrupt(&intr, NULL, r, NULL, edu->irq,
						 WDM_DIRQL, WDM_DIRQL,
						 LevelSensitive, TRUE, ~0UL, FALSE),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, intr);
	KUNIT_EXPECT_EQ(test, IoConnectInterrupt(&intr, isr, r, NULL, edu->irq,
						 WDM_DIRQL, WDM_DIRQL,
						 LevelSensitive, TRUE, ~0UL, TRUE),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, IoConnectInterrupt(&intr, isr, r, NULL, edu->irq,
						 WDM_DIRQL, WDM_DIRQL,
						 LevelSensitive, TRUE, 0, FALSE),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, IoConnectInterrupt(&intr, isr, r, NULL, edu->irq,
						 WDM_DIRQL, DISPATCH_LEVEL,
						 LevelSensitive, TRUE, ~0UL, FALSE),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 4);
	/* A vector Linux does not have. */
	KUNIT_EXPECT_NE(test, IoConnectInterrupt(&intr, isr, r, NULL, 0xfffff,
						 WDM_DIRQL, WDM_DIRQL,
						 LevelSensitive, TRUE, ~0UL, FALSE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	old = KeRaiseIrqlToDpcLevel();
	KUNIT_EXPECT_NE(test, connect_irq(edu->irq, r, &intr, NULL), STATUS_SUCCESS);
	KeLowerIrql(old);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, IoConnectInterruptEx(&p), STATUS_INVALID_PARAMETER_1);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);

	IoDisconnectInterrupt(NULL);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, NULL), STATUS_SUCCESS);
	IoDisconnectInterrupt(intr);
	IoDisconnectInterrupt(intr);		/* twice */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	d.ConnectionContext.InterruptMessageTable = NULL;
	IoDisconnectInterruptEx(&d);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/* What a driver leaves connected is reported and disconnected at unload. */
static void intr_left_connected_at_unload(struct kunit *test)
{
	struct isr_rec *r = isr_rec(test);
	PKINTERRUPT intr;

	KUNIT_ASSERT_EQ(test, connect_irq(hal_vector(test), r, &intr, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdm_interrupts_disconnect_module(THIS_MODULE), 1);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	IoDisconnectInterrupt(intr);		/* gone: reported */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/*
 * A Linux device of our own that can go away: the connection of its
 * PDO is reported and undone; the driver's later disconnect is quiet.
 */
static void intr_device_goes(struct kunit *test)
{
	IO_CONNECT_INTERRUPT_PARAMETERS p = { .Version = CONNECT_FULLY_SPECIFIED };
	PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS f = &p.FullySpecified;
	struct isr_rec *r = isr_rec(test);
	struct device *root = __root_device_register("wdm_hal_test", NULL);
	PKINTERRUPT intr = NULL;

	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	f->PhysicalDeviceObject = iot_create(test, NULL, NULL, NULL);
	wdm_device_of(f->PhysicalDeviceObject)->ldev = root;
	f->InterruptObject = &intr;
	f->ServiceRoutine = isr;
	f->ServiceContext = r;
	f->Vector = hal_vector(test);
	f->Irql = WDM_DIRQL;
	f->SynchronizeIrql = WDM_DIRQL;
	f->ShareVector = TRUE;
	f->ProcessorEnableMask = ~0UL;
	KUNIT_ASSERT_EQ(test, IoConnectInterruptEx(&p), STATUS_SUCCESS);
	root_device_unregister(root);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	/* Disconnected: raising now would find no handler on the line. */
	IoDisconnectInterrupt(intr);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* DMA */

static PDMA_ADAPTER dma_adapter(struct kunit *test, PDEVICE_OBJECT pdo,
				BOOLEAN sg, ULONG *regs)
{
	DEVICE_DESCRIPTION d = {
		.Version = DEVICE_DESCRIPTION_VERSION,
		.Master = TRUE,
		.ScatterGather = sg,
		.Dma32BitAddresses = TRUE,
		.InterfaceType = PCIBus,
		.MaximumLength = 4 * PAGE_SIZE,
	};
	PDMA_ADAPTER a = IoGetDmaAdapter(pdo, &d, regs);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, a->DmaOperations);
	return a;
}

static void dma_adapter_operations(struct kunit *test)
{
	ULONG regs = 0;
	PDMA_ADAPTER a = dma_adapter(test, hal_pdo(test), TRUE, &regs);
	PDMA_OPERATIONS ops = a->DmaOperations;

	KUNIT_EXPECT_EQ(test, regs, 5U);
	KUNIT_EXPECT_EQ(test, a->Size, (USHORT)sizeof(DMA_ADAPTER));
	KUNIT_EXPECT_EQ(test, ops->Size, (ULONG)sizeof(DMA_OPERATIONS));
	KUNIT_EXPECT_NOT_NULL(test, ops->PutDmaAdapter);
	KUNIT_EXPECT_NOT_NULL(test, ops->GetScatterGatherList);
	KUNIT_EXPECT_NOT_NULL(test, ops->MapTransfer);
	/* Not offered: NULL, never a stub. */
	KUNIT_EXPECT_NULL(test, ops->ReadDmaCounter);
	KUNIT_EXPECT_NULL(test, ops->BuildMdlFromScatterGatherList);
	KUNIT_EXPECT_EQ(test, ops->GetDmaAlignment(a), 1U);
	KUNIT_EXPECT_EQ(test, dma_get_mask(&edu->dev), DMA_BIT_MASK(32));
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* RAM -> device -> RAM through a common buffer. */
static void dma_common_buffer_round_trip(struct kunit *test)
{
	PDMA_ADAPTER a = dma_adapter(test, hal_pdo(test), TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	PHYSICAL_ADDRESS la;
	u8 *buf;
	int i;

	buf = ops->AllocateCommonBuffer(a, 2 * PAGE_SIZE, &la, TRUE);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_LT(test, la.QuadPart, 1LL << 32);
	for (i = 0; i < 64; i++)
		buf[i] = i * 3 + 1;
	memset(buf + PAGE_SIZE, 0, 64);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart, 0, 64, false));
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart + PAGE_SIZE, 0, 64, true));
	KUNIT_EXPECT_EQ(test, memcmp(buf, buf + PAGE_SIZE, 64), 0);
	ops->FreeCommonBuffer(a, 2 * PAGE_SIZE, la, buf, TRUE);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* What an AdapterListControl routine saw. */
struct sg_rec {
	int calls;
	KIRQL irql;
	PIRP irp;
	PSCATTER_GATHER_LIST list;
};

static VOID NTAPI sg_routine(PDEVICE_OBJECT dev, PIRP irp,
			     PSCATTER_GATHER_LIST list, PVOID ctx)
{
	struct sg_rec *s = ctx;

	s->calls++;
	s->irql = KeGetCurrentIrql();
	s->irp = irp;
	s->list = list;
}

static NTSTATUS get_sgl(PDMA_ADAPTER a, PDEVICE_OBJECT dev, PMDL mdl, PVOID va,
			ULONG len, struct sg_rec *s, BOOLEAN write)
{
	return a->DmaOperations->GetScatterGatherList(a, dev, mdl, va, len,
						      sg_routine, s, write);
}

/* A kmalloc'd buffer, through its MDL, to the device and back. */
static void dma_scatter_gather_nonpaged(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	u8 *out = kunit_kmalloc(test, 64, GFP_KERNEL);
	u8 *in = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct sg_rec s = { 0 };
	PMDL mo, mi;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	for (i = 0; i < 64; i++)
		out[i] = 0xa0 ^ i;
	mo = IoAllocateMdl(out, 64, FALSE, FALSE, NULL);
	mi = IoAllocateMdl(in, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mo);
	KUNIT_ASSERT_NOT_NULL(test, mi);
	MmBuildMdlForNonPagedPool(mo);
	MmBuildMdlForNonPagedPool(mi);

	pdo->CurrentIrp = (PIRP)0x1000;	/* only passed through */
	KUNIT_ASSERT_EQ(test, get_sgl(a, pdo, mo, out, 64, &s, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s.calls, 1);
	KUNIT_EXPECT_EQ(test, s.irql, (KIRQL)DISPATCH_LEVEL);
	KUNIT_EXPECT_PTR_EQ(test, s.irp, (PIRP)0x1000);
	pdo->CurrentIrp = NULL;
	KUNIT_ASSERT_NOT_NULL(test, s.list);
	KUNIT_ASSERT_EQ(test, s.list->NumberOfElements, 1U);
	KUNIT_EXPECT_EQ(test, s.list->Elements[0].Length, 64U);
	KUNIT_EXPECT_LT(test, s.list->Elements[0].Address.QuadPart, 1LL << 32);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, s.list->Elements[0].Address.QuadPart,
					0x100, 64, false));
	ops->PutScatterGatherList(a, s.list, TRUE);

	KUNIT_ASSERT_EQ(test, get_sgl(a, pdo, mi, in, 64, &s, FALSE),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, s.list->NumberOfElements, 1U);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, s.list->Elements[0].Address.QuadPart,
					0x100, 64, true));
	ops->PutScatterGatherList(a, s.list, FALSE);
	KUNIT_EXPECT_EQ(test, memcmp(in, out, 64), 0);

	IoFreeMdl(mo);
	IoFreeMdl(mi);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/*
 * Two MDLs chained over pages that are not contiguous: the last 50 bytes
 * of the second page of an order-1 block, then the first 50 of its first
 * page. @pages is that block.
 */
struct chain {
	struct page *pages;
	u8 *p0, *p1;			/* the two pieces */
	PMDL m0, m1;
};

static void chain_build(struct kunit *test, struct chain *c)
{
	c->pages = alloc_pages(GFP_KERNEL | __GFP_DMA32, 1);
	KUNIT_ASSERT_NOT_NULL(test, c->pages);
	c->p0 = (u8 *)page_address(c->pages) + 2 * PAGE_SIZE - 50;
	c->p1 = page_address(c->pages);
	c->m0 = IoAllocateMdl(c->p0, 50, FALSE, FALSE, NULL);
	c->m1 = IoAllocateMdl(c->p1, 50, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c->m0);
	KUNIT_ASSERT_NOT_NULL(test, c->m1);
	MmBuildMdlForNonPagedPool(c->m0);
	MmBuildMdlForNonPagedPool(c->m1);
	c->m0->Next = c->m1;
}

static void chain_free(struct chain *c)
{
	IoFreeMdl(c->m0);
	IoFreeMdl(c->m1);
	__free_pages(c->pages, 1);
}

static void dma_scatter_gather_chain(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	struct sg_rec s = { 0 };
	struct chain c;
	PHYSICAL_ADDRESS la;
	PSCATTER_GATHER_ELEMENT e;
	u8 *check;
	int i;

	chain_build(test, &c);
	for (i = 0; i < 50; i++) {
		c.p0[i] = i + 1;
		c.p1[i] = 100 + i;
	}
	KUNIT_ASSERT_EQ(test, get_sgl(a, pdo, c.m0, c.p0, 100, &s, TRUE),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, s.list->NumberOfElements, 2U);
	e = s.list->Elements;
	KUNIT_EXPECT_EQ(test, e[0].Length, 50U);
	KUNIT_EXPECT_EQ(test, e[1].Length, 50U);
	KUNIT_EXPECT_EQ(test, e[1].Address.QuadPart + PAGE_SIZE,
			e[0].Address.QuadPart - PAGE_SIZE + 50);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, e[0].Address.QuadPart, 0x200, 50, false));
	KUNIT_ASSERT_TRUE(test, edu_dma(test, e[1].Address.QuadPart, 0x232, 50, false));
	ops->PutScatterGatherList(a, s.list, TRUE);

	check = ops->AllocateCommonBuffer(a, 100, &la, TRUE);
	KUNIT_ASSERT_NOT_NULL(test, check);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart, 0x200, 100, true));
	KUNIT_EXPECT_EQ(test, memcmp(check, c.p0, 50), 0);
	KUNIT_EXPECT_EQ(test, memcmp(check + 50, c.p1, 50), 0);
	ops->FreeCommonBuffer(a, 100, la, check, TRUE);
	chain_free(&c);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* Without ScatterGather, one element, bounce-buffered, copied back. */
static void dma_no_scatter_gather_bounces(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, FALSE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	struct sg_rec s = { 0 };
	struct chain c;
	PHYSICAL_ADDRESS la;
	u8 *src;
	int i;

	src = ops->AllocateCommonBuffer(a, 100, &la, TRUE);
	KUNIT_ASSERT_NOT_NULL(test, src);
	for (i = 0; i < 100; i++)
		src[i] = 200 - i;
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart, 0x300, 100, false));

	chain_build(test, &c);
	memset(c.p0, 0, 50);
	memset(c.p1, 0, 50);
	KUNIT_ASSERT_EQ(test, get_sgl(a, pdo, c.m0, c.p0, 100, &s, FALSE),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, s.list->NumberOfElements, 1U);
	KUNIT_EXPECT_EQ(test, s.list->Elements[0].Length, 100U);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, s.list->Elements[0].Address.QuadPart,
					0x300, 100, true));
	ops->PutScatterGatherList(a, s.list, FALSE);
	KUNIT_EXPECT_EQ(test, memcmp(c.p0, src, 50), 0);
	KUNIT_EXPECT_EQ(test, memcmp(c.p1, src + 50, 50), 0);
	chain_free(&c);
	ops->FreeCommonBuffer(a, 100, la, src, TRUE);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void dma_build_scatter_gather_list(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	struct sg_rec s = { 0 };
	struct chain c;
	ULONG size = 0, regs = 0;
	PSCATTER_GATHER_LIST list;
	NTSTATUS status;

	chain_build(test, &c);
	status = ops->CalculateScatterGatherList(a, c.m0, c.p0, 100, &size, &regs);
	KUNIT_ASSERT_EQ(test, status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, regs, 2U);
	KUNIT_EXPECT_EQ(test, size, (ULONG)struct_size(list, Elements, 2));
	list = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, list);
	status = ops->BuildScatterGatherList(a, pdo, c.m0, c.p0, 100, sg_routine,
					     &s, TRUE, list, size - 1);
	KUNIT_EXPECT_EQ(test, status, STATUS_BUFFER_TOO_SMALL);
	status = ops->BuildScatterGatherList(a, pdo, c.m0, c.p0, 100, sg_routine,
					     &s, TRUE, list, size);
	KUNIT_ASSERT_EQ(test, status, STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, s.list, list);
	KUNIT_EXPECT_EQ(test, list->NumberOfElements, 2U);
	ops->PutScatterGatherList(a, list, TRUE);
	chain_free(&c);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* Packet-based DMA: the channel, map registers, MapTransfer, flush. */
struct channel_rec {
	int calls;
	KIRQL irql;
	PVOID base;
	IO_ALLOCATION_ACTION action;
};

static IO_ALLOCATION_ACTION NTAPI channel_routine(PDEVICE_OBJECT dev, PIRP irp,
						  PVOID base, PVOID ctx)
{
	struct channel_rec *c = ctx;

	c->calls++;
	c->irql = KeGetCurrentIrql();
	c->base = base;
	return c->action;
}

static void dma_map_transfer(struct kunit *test, BOOLEAN sg)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, sg, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	struct channel_rec c = { .action = DeallocateObjectKeepRegisters };
	struct page *pages = alloc_pages(GFP_KERNEL | __GFP_DMA32, 1);
	PHYSICAL_ADDRESS la;
	u8 *buf, *va;
	ULONG len;
	PMDL mdl;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	buf = page_address(pages);
	va = buf + PAGE_SIZE - 32;	/* 64 bytes across a page boundary */
	for (i = 0; i < 64; i++)
		va[i] = 7 * i;
	mdl = IoAllocateMdl(va, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmBuildMdlForNonPagedPool(mdl);

	KUNIT_ASSERT_EQ(test, ops->AllocateAdapterChannel(a, pdo, 2, channel_routine, &c),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.calls, 1);
	KUNIT_EXPECT_EQ(test, c.irql, (KIRQL)DISPATCH_LEVEL);
	KUNIT_ASSERT_NOT_NULL(test, c.base);

	/* The pages are contiguous: one mapping covers the 64 bytes. */
	len = 64;
	la = ops->MapTransfer(a, mdl, c.base, va, &len, TRUE);
	KUNIT_EXPECT_EQ(test, len, 64U);
	KUNIT_ASSERT_NE(test, la.QuadPart, 0LL);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart, 0x400, 64, false));
	KUNIT_EXPECT_TRUE(test, ops->FlushAdapterBuffers(a, mdl, c.base, va, 64, TRUE));

	memset(va, 0, 64);
	len = 64;
	la = ops->MapTransfer(a, mdl, c.base, va, &len, FALSE);
	KUNIT_EXPECT_EQ(test, len, 64U);
	KUNIT_ASSERT_TRUE(test, edu_dma(test, la.QuadPart, 0x400, 64, true));
	KUNIT_EXPECT_TRUE(test, ops->FlushAdapterBuffers(a, mdl, c.base, va, 64, FALSE));
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ(test, va[i], (u8)(7 * i));

	/* Past the two map registers until flushed: reported. */
	len = 64;
	ops->MapTransfer(a, mdl, c.base, va, &len, TRUE);
	len = 64;
	la = ops->MapTransfer(a, mdl, c.base, va, &len, TRUE);
	KUNIT_EXPECT_EQ(test, len, 0U);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	ops->FlushAdapterBuffers(a, mdl, c.base, va, 64, TRUE);

	ops->FreeMapRegisters(a, c.base, 2);
	IoFreeMdl(mdl);
	__free_pages(pages, 1);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void dma_map_transfer_sg(struct kunit *test)
{
	dma_map_transfer(test, TRUE);
}

static void dma_map_transfer_bounced(struct kunit *test)
{
	dma_map_transfer(test, FALSE);
}

/* A second AllocateAdapterChannel waits until the channel is freed. */
static void dma_adapter_channel_waits(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	struct channel_rec c1 = { .action = KeepObject };
	struct channel_rec c2 = { .action = DeallocateObject };

	KUNIT_ASSERT_EQ(test, ops->AllocateAdapterChannel(a, pdo, 1, channel_routine, &c1),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, ops->AllocateAdapterChannel(a, pdo, 1, channel_routine, &c2),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c1.calls, 1);
	KUNIT_EXPECT_EQ(test, c2.calls, 0);
	ops->FreeAdapterChannel(a);
	KUNIT_EXPECT_EQ(test, c2.calls, 1);
	KUNIT_EXPECT_EQ(test, c2.irql, (KIRQL)DISPATCH_LEVEL);
	/* c2 returned DeallocateObject: the channel is free again. */
	ops->FreeAdapterChannel(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, ops->AllocateAdapterChannel(a, pdo, 99, channel_routine, &c2),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void dma_bad_calls_reported(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDEVICE_OBJECT plain = iot_create(test, NULL, NULL, NULL);
	DEVICE_DESCRIPTION d = { .Master = FALSE, .Dma32BitAddresses = TRUE };
	PDMA_ADAPTER a;
	PDMA_OPERATIONS ops;
	SCATTER_GATHER_LIST foreign = { 0 };
	struct sg_rec s = { 0 };
	PHYSICAL_ADDRESS la = { .QuadPart = 0 };
	NTSTATUS status;
	u8 *buf = kunit_kmalloc(test, 64, GFP_KERNEL);
	ULONG size = 0;
	void *big;
	PMDL mdl;

	/* No Linux device behind the PDO, no DMA. */
	KUNIT_EXPECT_NULL(test, IoGetDmaAdapter(plain, &d, NULL));
	KUNIT_EXPECT_NULL(test, IoGetDmaAdapter(NULL, &d, NULL));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 2);
	/* System DMA is not offered. */
	KUNIT_EXPECT_NULL(test, IoGetDmaAdapter(pdo, &d, NULL));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);

	a = dma_adapter(test, pdo, TRUE, NULL);
	ops = a->DmaOperations;
	ops->PutScatterGatherList(a, &foreign, TRUE);
	ops->FreeCommonBuffer(a, 64, la, buf, TRUE);
	ops->FreeMapRegisters(a, buf, 1);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 3);

	mdl = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	/* Neither locked nor built for nonpaged pool. */
	KUNIT_EXPECT_EQ(test, get_sgl(a, pdo, mdl, buf, 64, &s, TRUE),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	MmBuildMdlForNonPagedPool(mdl);
	/* Beyond the MDL. */
	KUNIT_EXPECT_EQ(test, get_sgl(a, pdo, mdl, buf, 65, &s, TRUE),
			STATUS_BUFFER_TOO_SMALL);
	IoFreeMdl(mdl);
	/* More pages than the adapter's 5 map registers. */
	big = vmalloc(6 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, big);
	mdl = IoAllocateMdl(big, 6 * PAGE_SIZE, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmProbeAndLockPages(mdl, KernelMode, IoModifyAccess);
	KUNIT_EXPECT_EQ(test, get_sgl(a, pdo, mdl, big, 6 * PAGE_SIZE, &s, TRUE),
			STATUS_INSUFFICIENT_RESOURCES);
	status = ops->CalculateScatterGatherList(a, NULL, big, 6 * PAGE_SIZE,
						 &size, NULL);
	KUNIT_EXPECT_EQ(test, status, STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, s.calls, 0);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	vfree(big);

	ops->PutDmaAdapter(a);
	ops->PutDmaAdapter(a);			/* twice */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

/* What the driver still holds is reported and freed when it puts the adapter. */
static void dma_leftovers_at_put(struct kunit *test)
{
	PDEVICE_OBJECT pdo = hal_pdo(test);
	PDMA_ADAPTER a = dma_adapter(test, pdo, TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	u8 *buf = kunit_kmalloc(test, 64, GFP_KERNEL);
	struct sg_rec s = { 0 };
	PHYSICAL_ADDRESS la;
	PMDL mdl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	mdl = IoAllocateMdl(buf, 64, FALSE, FALSE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mdl);
	MmBuildMdlForNonPagedPool(mdl);
	KUNIT_ASSERT_NOT_NULL(test, ops->AllocateCommonBuffer(a, 128, &la, TRUE));
	KUNIT_ASSERT_EQ(test, get_sgl(a, pdo, mdl, buf, 64, &s, TRUE),
			STATUS_SUCCESS);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 2);
	IoFreeMdl(mdl);
}

static void dma_left_at_unload(struct kunit *test)
{
	PDMA_ADAPTER a = dma_adapter(test, hal_pdo(test), TRUE, NULL);
	PDMA_OPERATIONS ops = a->DmaOperations;
	PHYSICAL_ADDRESS la;

	KUNIT_ASSERT_NOT_NULL(test, ops->AllocateCommonBuffer(a, 128, &la, TRUE));
	KUNIT_EXPECT_EQ(test, wdm_dma_put_module(THIS_MODULE), 1);
	/* the adapter, and its buffer */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 2);
}

/*
 * The Linux device goes (our own root device, DMA-capable through
 * dma-direct): what the adapter had is reported and freed, requests fail,
 * and the driver's PutDmaAdapter afterwards is quiet.
 */
static void dma_device_goes(struct kunit *test)
{
	struct device *root = __root_device_register("wdm_hal_dma_test", NULL);
	PDEVICE_OBJECT pdo = iot_create(test, NULL, NULL, NULL);
	PDMA_OPERATIONS ops;
	PHYSICAL_ADDRESS la;
	PDMA_ADAPTER a;

	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	root->dma_mask = &root->coherent_dma_mask;
	wdm_device_of(pdo)->ldev = root;
	a = dma_adapter(test, pdo, TRUE, NULL);
	ops = a->DmaOperations;
	KUNIT_ASSERT_NOT_NULL(test, ops->AllocateCommonBuffer(a, 256, &la, TRUE));
	root_device_unregister(root);
	/* adapter not put, and its buffer */
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 2);
	KUNIT_EXPECT_NULL(test, ops->AllocateCommonBuffer(a, 256, &la, TRUE));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	ops->PutDmaAdapter(a);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static struct kunit_case hal_cases[] = {
	KUNIT_CASE(iospace_bar_registers),
	KUNIT_CASE(iospace_factorial),
	KUNIT_CASE(iospace_register64),
	KUNIT_CASE(iospace_ram_accessors),
	KUNIT_CASE(iospace_ports),
	KUNIT_CASE(iospace_bad_calls_reported),
	KUNIT_CASE(iospace_unmap_at_dispatch),
	KUNIT_CASE(iospace_left_mapped_at_unload),
	KUNIT_CASE(intr_isr_queues_dpc),
	KUNIT_CASE(intr_factorial_done),
	KUNIT_CASE(intr_isr_false_is_unhandled),
	KUNIT_CASE(intr_thunk_return_value),
	KUNIT_CASE(intr_shared_vector),
	KUNIT_CASE(intr_synchronize_excludes_isr),
	KUNIT_CASE(intr_acquire_spin_lock),
	KUNIT_CASE(intr_ex_line_based),
	KUNIT_CASE(intr_ex_fully_specified),
	KUNIT_CASE(intr_ex_message_fallback),
	KUNIT_CASE(intr_ex_message_msi),
	KUNIT_CASE(intr_bad_calls_reported),
	KUNIT_CASE(intr_left_connected_at_unload),
	KUNIT_CASE(intr_device_goes),
	KUNIT_CASE(dma_adapter_operations),
	KUNIT_CASE(dma_common_buffer_round_trip),
	KUNIT_CASE(dma_scatter_gather_nonpaged),
	KUNIT_CASE(dma_scatter_gather_chain),
	KUNIT_CASE(dma_no_scatter_gather_bounces),
	KUNIT_CASE(dma_build_scatter_gather_list),
	KUNIT_CASE(dma_map_transfer_sg),
	KUNIT_CASE(dma_map_transfer_bounced),
	KUNIT_CASE(dma_adapter_channel_waits),
	KUNIT_CASE(dma_bad_calls_reported),
	KUNIT_CASE(dma_leftovers_at_put),
	KUNIT_CASE(dma_left_at_unload),
	KUNIT_CASE(dma_device_goes),
	{}
};

/*
 * One suite: enabling the edu evaluates ACPI's _PRT, which takes half a
 * minute in the test VM; it is done once.
 */
static struct kunit_suite hal_suite = {
	.name = "wdmshim_hal",
	.suite_init = hal_suite_init,
	.suite_exit = hal_suite_exit,
	.init = hal_init,
	.exit = hal_exit,
	.test_cases = hal_cases,
};

kunit_test_suites(&hal_suite);
