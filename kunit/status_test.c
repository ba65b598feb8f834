// SPDX-License-Identifier: GPL-2.0
/*
 * status_test.c - KUnit tests of the NTSTATUS <-> errno translation
 * (rtl/status.c), which decides what a syscall returns for a completed
 * IRP and what NTSTATUS a Linux failure becomes.
 *
 * The rules tested (kernel-doc of rtl/status.c): every NT_SUCCESS code
 * (success and informational) is 0; every other code is a negative errno,
 * -EIO when it has no more precise meaning; the translations of the common
 * codes are the natural Linux equivalents; and errno -> NTSTATUS -> errno
 * gives back the errno.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include "wdm_internal.h"

static void status_success_is_errno_zero(struct kunit *test)
{
	static const NTSTATUS ok[] = {
		STATUS_SUCCESS, STATUS_WAIT_1, STATUS_WAIT_63, STATUS_ABANDONED,
		STATUS_USER_APC, STATUS_ALERTED, STATUS_TIMEOUT, STATUS_PENDING,
		STATUS_REPARSE, STATUS_MORE_ENTRIES,
		/* informational */
		STATUS_OBJECT_NAME_EXISTS, STATUS_THREAD_WAS_SUSPENDED,
		(NTSTATUS)0x40001234, (NTSTATUS)0x7fffffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++)
		KUNIT_EXPECT_EQ_MSG(test, wdm_ntstatus_to_errno(ok[i]), 0,
				    "status 0x%08x", ok[i]);
}

static const struct {
	NTSTATUS status;
	int err;
} status_common[] = {
	{ STATUS_UNSUCCESSFUL,			EIO },
	{ STATUS_NOT_IMPLEMENTED,		EOPNOTSUPP },
	{ STATUS_NOT_SUPPORTED,			EOPNOTSUPP },
	{ STATUS_INVALID_DEVICE_REQUEST,	ENOTTY },	/* unknown ioctl */
	{ STATUS_INVALID_PARAMETER,		EINVAL },
	{ STATUS_INVALID_PARAMETER_1,		EINVAL },
	{ STATUS_INVALID_PARAMETER_12,		EINVAL },
	{ STATUS_NO_MEMORY,			ENOMEM },
	{ STATUS_INSUFFICIENT_RESOURCES,	ENOMEM },
	{ STATUS_ACCESS_DENIED,			EACCES },
	{ STATUS_ACCESS_VIOLATION,		EFAULT },
	{ STATUS_INVALID_USER_BUFFER,		EFAULT },
	{ STATUS_CANCELLED,			ECANCELED },
	{ STATUS_IO_TIMEOUT,			ETIMEDOUT },
	{ STATUS_DEVICE_BUSY,			EBUSY },
	{ STATUS_OBJECT_NAME_NOT_FOUND,		ENOENT },
	{ STATUS_OBJECT_NAME_COLLISION,		EEXIST },
	{ STATUS_NAME_TOO_LONG,			ENAMETOOLONG },
	{ STATUS_INVALID_HANDLE,		EBADF },
	{ STATUS_DISK_FULL,			ENOSPC },
	{ STATUS_MEDIA_WRITE_PROTECTED,		EROFS },
	{ STATUS_DEVICE_REMOVED,		ENODEV },
	{ STATUS_IO_DEVICE_ERROR,		EIO },
	/* A warning is not a success: the caller must see it. */
	{ STATUS_BUFFER_OVERFLOW,		EOVERFLOW },
};

static void status_common_codes(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_common); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    wdm_ntstatus_to_errno(status_common[i].status),
				    -status_common[i].err,
				    "status 0x%08x", status_common[i].status);
}

static void status_unknown_failure_is_eio(struct kunit *test)
{
	static const NTSTATUS unknown[] = {
		STATUS_PARITY_ERROR,		/* defined, no own errno */
		STATUS_BAD_STACK,
		(NTSTATUS)0xc0ff0001,		/* undefined error */
		(NTSTATUS)0xe0000001,		/* customer code bit set */
		(NTSTATUS)0xffffffff,
		STATUS_BREAKPOINT,		/* warnings without own errno */
		(NTSTATUS)0x80001234,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		KUNIT_EXPECT_EQ_MSG(test, wdm_ntstatus_to_errno(unknown[i]), -EIO,
				    "status 0x%08x", unknown[i]);
}

/*
 * Whatever the code, a failure gives an errno a syscall can return
 * (-MAX_ERRNO..-1), never 0 and never a positive value.
 */
static void status_every_failure_is_a_valid_errno(struct kunit *test)
{
	static const ULONG bases[] = { 0x80000000U, 0xc0000000U };
	unsigned int bad = 0;
	ULONG code;
	size_t b;

	for (b = 0; b < ARRAY_SIZE(bases); b++) {
		for (code = bases[b]; code < bases[b] + 0x400; code++) {
			int err = wdm_ntstatus_to_errno((NTSTATUS)code);

			if (err >= 0 || err < -MAX_ERRNO) {
				if (!bad++)
					KUNIT_FAIL(test, "status 0x%08x -> errno %d",
						   code, err);
			}
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0U);
}

static void status_errno_to_ntstatus(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(0), STATUS_SUCCESS);
	/* Allocation failures are STATUS_INSUFFICIENT_RESOURCES on Windows. */
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-ENOMEM),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-EINVAL),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-EACCES),
			STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-ETIMEDOUT),
			STATUS_IO_TIMEOUT);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-ECANCELED),
			STATUS_CANCELLED);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-ENAMETOOLONG),
			STATUS_NAME_TOO_LONG);
	/* The sign of the errno does not matter. */
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(ENOMEM),
			wdm_errno_to_ntstatus(-ENOMEM));
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(EINVAL),
			wdm_errno_to_ntstatus(-EINVAL));
	/* An errno with no NT equivalent is a generic failure. */
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-EXDEV), STATUS_UNSUCCESSFUL);
	KUNIT_EXPECT_EQ(test, wdm_errno_to_ntstatus(-MAX_ERRNO),
			STATUS_UNSUCCESSFUL);
}

/* -errno -> NTSTATUS -> -errno is the identity, through a failure code. */
static void status_errno_round_trip(struct kunit *test)
{
	static const int errs[] = {
		EIO, EOPNOTSUPP, ENOTTY, EINVAL, EBUSY, ENOMEM, EACCES,
		EPERM, EFAULT, ENOBUFS, EOVERFLOW, ECANCELED, ETIMEDOUT, EAGAIN,
		ENXIO, ENODEV, ENOENT, EEXIST, ENAMETOOLONG, EBADF, ENODATA,
		EROFS, ENOSPC, EPROTO,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errs); i++) {
		NTSTATUS s = wdm_errno_to_ntstatus(-errs[i]);

		KUNIT_EXPECT_TRUE_MSG(test, NT_ERROR(s) || NT_WARNING(s),
				      "errno %d -> 0x%08x is not a failure",
				      errs[i], s);
		KUNIT_EXPECT_EQ_MSG(test, wdm_ntstatus_to_errno(s), -errs[i],
				    "errno %d -> 0x%08x", errs[i], s);
	}
}

static struct kunit_case status_cases[] = {
	KUNIT_CASE(status_success_is_errno_zero),
	KUNIT_CASE(status_common_codes),
	KUNIT_CASE(status_unknown_failure_is_eio),
	KUNIT_CASE(status_every_failure_is_a_valid_errno),
	KUNIT_CASE(status_errno_to_ntstatus),
	KUNIT_CASE(status_errno_round_trip),
	{}
};

static struct kunit_suite status_suite = {
	.name = "wdmshim_status",
	.test_cases = status_cases,
};

kunit_test_suites(&status_suite);
