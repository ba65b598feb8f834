// SPDX-License-Identifier: GPL-2.0
/*
 * native.c - wdmnative.ko, the native Linux twins the benchmarks (make
 * bench) measure wdmshim's hosted drivers against. Each does the work of
 * its WDM counterpart the Linux way, nothing more:
 *
 * /dev/wdmnative	the WDM_IOCTL_CALL ABI of wdmshim's char devices:
 *			ECHO (a kernel buffer, the input copied in, reversed,
 *			copied out: samples/ioctl's METHOD_BUFFERED echo) and
 *			FILL (the output's pages pinned and mapped, filled
 *			with a pattern: its METHOD_OUT_DIRECT fill); ALLOC
 *			times kmalloc/kfree of an IRP-sized block.
 * /dev/wdmnative_queue	write(2) queues a request for a kernel thread that
 *			serves one at a time: it arms a 2 us hrtimer standing
 *			for the device, whose expiry hands the completion to a
 *			work item (samples/queue: StartIo, timer, DPC).
 * wdmnativeedu		a pci_driver for QEMU's edu device (bound through
 *			driver_override): factorial by interrupt, DMA through a
 *			coherent buffer, on /dev/wdmnative_edu with the ioctls
 *			and read/write of samples/edu.
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <uapi/wdmshim.h>
#include "native_ioctl.h"

/* --- /dev/wdmnative: the ioctl twins ------------------------------------ */

static long native_echo(struct wdm_ioctl *a)
{
	size_t n = max(a->in_len, a->out_len);
	u8 *buf, t;
	u32 i;

	if (a->out_len < a->in_len)
		return -EINVAL;
	buf = kvzalloc(max_t(size_t, n, 1), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, u64_to_user_ptr(a->in), a->in_len)) {
		kvfree(buf);
		return -EFAULT;
	}
	for (i = 0; i < a->in_len / 2; i++) {
		t = buf[i];
		buf[i] = buf[a->in_len - 1 - i];
		buf[a->in_len - 1 - i] = t;
	}
	a->information = a->in_len;
	if (copy_to_user(u64_to_user_ptr(a->out), buf, a->in_len)) {
		kvfree(buf);
		return -EFAULT;
	}
	kvfree(buf);
	return 0;
}

static long native_fill(struct wdm_ioctl *a)
{
	unsigned long start = a->out & PAGE_MASK, off = a->out & ~PAGE_MASK;
	int npages = DIV_ROUND_UP(off + a->out_len, PAGE_SIZE), got;
	struct page **pages;
	u8 seed, *va;
	long ret = 0;
	u32 i;

	if (a->in_len < 1 || get_user(seed, (u8 __user *)u64_to_user_ptr(a->in)))
		return -EINVAL;
	if (!a->out_len)
		return 0;
	pages = kvmalloc_array(npages, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = pin_user_pages_fast(start, npages, FOLL_WRITE, pages);
	if (got != npages) {
		if (got > 0)
			unpin_user_pages(pages, got);
		kvfree(pages);
		return -EFAULT;
	}
	va = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
	if (!va) {
		ret = -ENOMEM;
		goto unpin;
	}
	for (i = 0; i < a->out_len; i++)
		va[off + i] = seed + i;
	a->information = a->out_len;
	vunmap(va);
unpin:
	unpin_user_pages_dirty_lock(pages, npages, true);
	kvfree(pages);
	return ret;
}

/* kmalloc/kfree of an IRP's size, @in_len times: how many ns in all. */
static long native_alloc(struct wdm_ioctl *a)
{
	u32 i, size = a->out_len;
	u64 t0 = ktime_get_ns();
	void *p;

	for (i = 0; i < a->in_len; i++) {
		p = kmalloc(size, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		kfree(p);
	}
	a->information = ktime_get_ns() - t0;
	return 0;
}

static long native_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct wdm_ioctl a;
	long ret;

	if (cmd != WDM_IOCTL_CALL)
		return -ENOTTY;
	if (copy_from_user(&a, (void __user *)arg, sizeof(a)))
		return -EFAULT;
	if (a.size != sizeof(a))
		return -EINVAL;
	a.information = 0;
	switch (a.code) {
	case NATIVE_ECHO:
		ret = native_echo(&a);
		break;
	case NATIVE_FILL:
		ret = native_fill(&a);
		break;
	case NATIVE_ALLOC:
		ret = native_alloc(&a);
		break;
	default:
		return -ENOTTY;
	}
	a.status = ret ? -1 : 0;
	if (copy_to_user((void __user *)arg, &a, sizeof(a)))
		return -EFAULT;
	return ret;
}

static const struct file_operations native_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = native_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice native_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "wdmnative",
	.fops = &native_fops,
};

/* --- /dev/wdmnative_queue: the StartIo twin ----------------------------- */

struct native_req {
	struct list_head node;
	struct completion done;
};

static LIST_HEAD(nq_list);
static DEFINE_SPINLOCK(nq_lock);
static DECLARE_WAIT_QUEUE_HEAD(nq_wait);
static struct native_req *nq_current;	/* with the "device" */
static struct task_struct *nq_thread;
static struct hrtimer nq_timer;

static void nq_complete(struct work_struct *work)
{
	struct native_req *r;

	spin_lock_bh(&nq_lock);
	r = nq_current;
	nq_current = NULL;
	spin_unlock_bh(&nq_lock);
	complete(&r->done);
	wake_up(&nq_wait);
}

static DECLARE_WORK(nq_work, nq_complete);

static enum hrtimer_restart nq_timer_fn(struct hrtimer *t)
{
	queue_work(system_highpri_wq, &nq_work);
	return HRTIMER_NORESTART;
}

static bool nq_has_work(void)
{
	bool ready;

	spin_lock_bh(&nq_lock);
	ready = !nq_current && !list_empty(&nq_list);
	spin_unlock_bh(&nq_lock);
	return ready || kthread_should_stop();
}

static int nq_thread_fn(void *arg)
{
	while (!kthread_should_stop()) {
		wait_event_idle(nq_wait, nq_has_work());
		spin_lock_bh(&nq_lock);
		if (!nq_current && !list_empty(&nq_list)) {
			nq_current = list_first_entry(&nq_list, struct native_req, node);
			list_del(&nq_current->node);
			hrtimer_start(&nq_timer, ns_to_ktime(2000), HRTIMER_MODE_REL);
		}
		spin_unlock_bh(&nq_lock);
	}
	return 0;
}

static ssize_t nq_write(struct file *file, const char __user *buf, size_t len,
			loff_t *ppos)
{
	struct native_req r;

	init_completion(&r.done);
	spin_lock_bh(&nq_lock);
	list_add_tail(&r.node, &nq_list);
	spin_unlock_bh(&nq_lock);
	wake_up(&nq_wait);
	wait_for_completion(&r.done);
	return len;
}

static const struct file_operations nq_fops = {
	.owner = THIS_MODULE,
	.write = nq_write,
};

static struct miscdevice nq_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "wdmnative_queue",
	.fops = &nq_fops,
};

/* --- wdmnativeedu: the edu twin ------------------------------------------ */

#define EDU_FACTORIAL	0x08
#define EDU_STATUS	0x20
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_BUFFER	0x40000

struct nedu {
	struct pci_dev *pdev;
	void __iomem *regs;
	void *buf;			/* coherent DMA buffer */
	dma_addr_t buf_dma;
	struct mutex lock;		/* one operation at a time */
	struct completion irq_done;
	u32 irq_status;
	struct miscdevice misc;
};

static struct nedu *nedu_dev;

static irqreturn_t nedu_irq(int irq, void *arg)
{
	struct nedu *e = arg;
	u32 status = ioread32(e->regs + EDU_IRQ_STATUS);

	if (!status || status == ~0U)
		return IRQ_NONE;
	iowrite32(status, e->regs + EDU_IRQ_ACK);
	e->irq_status = status;
	complete(&e->irq_done);
	return IRQ_HANDLED;
}

static int nedu_wait(struct nedu *e)
{
	return wait_for_completion_timeout(&e->irq_done, 5 * HZ) ? 0 : -ETIMEDOUT;
}

static long nedu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct nedu *e = nedu_dev;
	struct wdm_ioctl a;
	u32 in, out = 0;
	long ret = 0;

	if (cmd != WDM_IOCTL_CALL)
		return -ENOTTY;
	if (copy_from_user(&a, (void __user *)arg, sizeof(a)) || a.in_len < 4 ||
	    a.out_len < 4 || get_user(in, (u32 __user *)u64_to_user_ptr(a.in)))
		return -EINVAL;
	mutex_lock(&e->lock);
	reinit_completion(&e->irq_done);
	if (a.code == NATIVE_EDU_FACTORIAL) {
		iowrite32(0x80, e->regs + EDU_STATUS);
		iowrite32(in, e->regs + EDU_FACTORIAL);
		ret = nedu_wait(e);
		out = ioread32(e->regs + EDU_FACTORIAL);
	} else if (a.code == NATIVE_EDU_RAISE) {
		iowrite32(in, e->regs + EDU_IRQ_RAISE);
		ret = nedu_wait(e);
		out = e->irq_status;
	} else {
		ret = -ENOTTY;
	}
	mutex_unlock(&e->lock);
	if (ret)
		return ret;
	a.information = 4;
	a.status = 0;
	if (put_user(out, (u32 __user *)u64_to_user_ptr(a.out)) ||
	    copy_to_user((void __user *)arg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

/* One DMA between the coherent buffer and the device's, by interrupt. */
static int nedu_dma(struct nedu *e, loff_t pos, size_t len, bool to_device)
{
	u64 dev = EDU_BUFFER + pos;

	reinit_completion(&e->irq_done);
	writeq(to_device ? e->buf_dma : dev, e->regs + EDU_DMA_SRC);
	writeq(to_device ? dev : e->buf_dma, e->regs + EDU_DMA_DST);
	writeq(len, e->regs + EDU_DMA_COUNT);
	writeq(1 | 4 | (to_device ? 0 : 2), e->regs + EDU_DMA_CMD);
	return nedu_wait(e);
}

static ssize_t nedu_rw(struct file *file, char __user *buf, size_t len,
		       loff_t *ppos, bool write)
{
	struct nedu *e = nedu_dev;
	int ret;

	if (!len || *ppos < 0 || *ppos + len > 4095)
		return -EINVAL;
	mutex_lock(&e->lock);
	if (write) {
		ret = copy_from_user(e->buf, buf, len) ? -EFAULT :
		      nedu_dma(e, *ppos, len, true);
	} else {
		ret = nedu_dma(e, *ppos, len, false);
		if (!ret && copy_to_user(buf, e->buf, len))
			ret = -EFAULT;
	}
	mutex_unlock(&e->lock);
	if (ret)
		return ret;
	*ppos += len;
	return len;
}

static ssize_t nedu_read(struct file *f, char __user *b, size_t n, loff_t *p)
{
	return nedu_rw(f, b, n, p, false);
}

static ssize_t nedu_write(struct file *f, const char __user *b, size_t n, loff_t *p)
{
	return nedu_rw(f, (char __user *)b, n, p, true);
}

static const struct file_operations nedu_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = nedu_ioctl,
	.read = nedu_read,
	.write = nedu_write,
	.llseek = default_llseek,
};

static int nedu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nedu *e;
	int ret;

	if (nedu_dev)
		return -EBUSY;
	e = devm_kzalloc(&pdev->dev, sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), "wdmnativeedu");
	if (ret)
		return ret;
	e->regs = pcim_iomap_table(pdev)[0];
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (ret)
		return ret;
	e->buf = dmam_alloc_coherent(&pdev->dev, 4096, &e->buf_dma, GFP_KERNEL);
	if (!e->buf)
		return -ENOMEM;
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_LEGACY);
	if (ret < 0)
		return ret;
	mutex_init(&e->lock);
	init_completion(&e->irq_done);
	e->pdev = pdev;
	ret = request_irq(pci_irq_vector(pdev, 0), nedu_irq, IRQF_SHARED,
			  "wdmnativeedu", e);
	if (ret)
		goto vectors;
	e->misc.minor = MISC_DYNAMIC_MINOR;
	e->misc.name = "wdmnative_edu";
	e->misc.fops = &nedu_fops;
	ret = misc_register(&e->misc);
	if (ret)
		goto irq;
	nedu_dev = e;
	pci_set_drvdata(pdev, e);
	return 0;
irq:
	free_irq(pci_irq_vector(pdev, 0), e);
vectors:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void nedu_remove(struct pci_dev *pdev)
{
	struct nedu *e = pci_get_drvdata(pdev);

	misc_deregister(&e->misc);
	free_irq(pci_irq_vector(pdev, 0), e);
	pci_free_irq_vectors(pdev);
	nedu_dev = NULL;
}

static const struct pci_device_id nedu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};

static struct pci_driver nedu_driver = {
	.name = "wdmnativeedu",
	.id_table = nedu_ids,
	.probe = nedu_probe,
	.remove = nedu_remove,
};

/* --- module --------------------------------------------------------------- */

static int __init native_init(void)
{
	int ret;

	hrtimer_init(&nq_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	nq_timer.function = nq_timer_fn;
	nq_thread = kthread_run(nq_thread_fn, NULL, "native/queue");
	if (IS_ERR(nq_thread))
		return PTR_ERR(nq_thread);
	ret = misc_register(&native_misc);
	if (ret)
		goto thread;
	ret = misc_register(&nq_misc);
	if (ret)
		goto misc;
	ret = pci_register_driver(&nedu_driver);
	if (ret)
		goto nq;
	return 0;
nq:
	misc_deregister(&nq_misc);
misc:
	misc_deregister(&native_misc);
thread:
	kthread_stop(nq_thread);
	return ret;
}

static void __exit native_exit(void)
{
	pci_unregister_driver(&nedu_driver);
	misc_deregister(&nq_misc);
	misc_deregister(&native_misc);
	kthread_stop(nq_thread);
	hrtimer_cancel(&nq_timer);
	flush_work(&nq_work);
}

module_init(native_init);
module_exit(native_exit);
MODULE_DESCRIPTION("Native Linux twins of wdmshim's sample drivers, for make bench");
MODULE_LICENSE("GPL");
