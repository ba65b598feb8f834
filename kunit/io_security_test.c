// SPDX-License-Identifier: GPL-2.0
/*
 * io_security_test.c - KUnit tests of IoCreateDeviceSecure (<wdmsec.h>,
 * io/security.c): the SDDL subset of device objects and the /dev node
 * mode it gives.
 *
 * Expectations: the WDK's SDDL_DEVOBJ_* strings are "D:P" plus
 * "(A;;rights;;;SID)" entries (WDK "SDDL for Device Objects"); wdmshim
 * maps Administrators' rights to the owner bits and everyone's to group
 * and other, r for read rights, w for write rights; anything outside the
 * subset is STATUS_INVALID_PARAMETER and creates no device.
 */
#include "io_harness.h"
#include <wdmsec.h>

static int mode_of(const WCHAR *sddl)
{
	UNICODE_STRING u;

	RtlInitUnicodeString(&u, sddl);
	return wdm_sddl_mode(&u);
}

static void sec_sddl_constants(struct kunit *test)
{
	static const struct {
		const UNICODE_STRING *sddl;
		int mode;
	} cases[] = {
		{ &SDDL_DEVOBJ_KERNEL_ONLY, 0 },
		{ &SDDL_DEVOBJ_INF_SUPPLIED, 0 },
		{ &SDDL_DEVOBJ_SYS_ALL, 0 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, 0600 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_RX, 0400 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R, 0644 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R_RES_R, 0644 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R, 0666 },
		{ &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX, 0666 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, wdm_sddl_mode(cases[i].sddl),
				    cases[i].mode, "string %u", i);
}

static void sec_sddl_subset(struct kunit *test)
{
	/* hex masks, file rights, other SIDs of the subset */
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;0x1;;;BA)"), 0400);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;0x00000003;;;AU)"), 0066);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;FRFW;;;BA)(A;;FR;;;BU)"), 0644);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GX;;;WD)"), 0);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GA;;;LS)(A;;GA;;;NS)"), 0);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GW;;;IU)(A;;GR;;;BA)"), 0422);
	/* outside it */
	KUNIT_EXPECT_EQ(test, mode_of(L""), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:(A;;GA;;;SY)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(D;;GA;;;WD)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GA;;;S-1-5-18)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GQ;;;BA)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;;;;BA)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;0x;;;BA)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;0x123456789;;;BA)"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mode_of(L"D:P(A;;GA;;;BA"), -EINVAL);
	KUNIT_EXPECT_EQ(test, wdm_sddl_mode(NULL), -EINVAL);
}

static void sec_create_device(struct kunit *test)
{
	struct iot *t = iot_of(test);
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\KunitSecure");
	UNICODE_STRING bad = RTL_CONSTANT_STRING(L"D:P(A;;GA;;;XX)");
	PDEVICE_OBJECT dev = (PDEVICE_OBJECT)1;

	KUNIT_EXPECT_EQ(test, IoCreateDeviceSecure(t->obj, 0, &name,
						   FILE_DEVICE_UNKNOWN, 0,
						   FALSE, &bad, NULL, &dev),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, wdm_device_node_mode(&name), -1);

	KUNIT_ASSERT_EQ(test, IoCreateDeviceSecure(t->obj, 16, &name,
						   FILE_DEVICE_UNKNOWN, 0,
						   FALSE,
						   &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R,
						   NULL, &dev),
			STATUS_SUCCESS);
	/* an ordinary device otherwise */
	KUNIT_EXPECT_TRUE(test, dev->Flags & DO_DEVICE_INITIALIZING);
	KUNIT_EXPECT_NOT_NULL(test, dev->DeviceExtension);
	KUNIT_EXPECT_EQ(test, wdm_device_node_mode(&name), 0666);
	IoDeleteDevice(dev);
	KUNIT_EXPECT_EQ(test, wdm_device_node_mode(&name), -1);

	/* IoCreateDevice leaves the default */
	KUNIT_ASSERT_EQ(test, IoCreateDevice(t->obj, 0, &name,
					     FILE_DEVICE_UNKNOWN, 0, FALSE,
					     &dev), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdm_device_node_mode(&name), -1);
	IoDeleteDevice(dev);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static struct kunit_case sec_cases[] = {
	KUNIT_CASE(sec_sddl_constants),
	KUNIT_CASE(sec_sddl_subset),
	KUNIT_CASE(sec_create_device),
	{}
};

static struct kunit_suite sec_suite = {
	.name = "wdmshim_io_security",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = sec_cases,
};

kunit_test_suites(&sec_suite);
