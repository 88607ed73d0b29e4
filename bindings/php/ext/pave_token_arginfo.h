/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8dc1edbb0cc286656c792221583cd88416ff9ca1 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_token, 0, 4, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, username, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, timestamp, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_secret, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_token_now, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, username, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_secret, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_LONG, 0, "PAVE_TIME_RFC3339")
ZEND_END_ARG_INFO()

#define arginfo_pave_token_headers arginfo_pave_token_now

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_token_verify, 0, 5, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, username, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, timestamp, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_secret, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_token_verify_fresh, 0, 5, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, username, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, timestamp, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_secret, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, now, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max_skew, IS_LONG, 0, "300")
	ZEND_ARG_INFO_WITH_DEFAULT_VALUE(1, status, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_timestamp, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, unix, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_LONG, 0, "PAVE_TIME_RFC3339")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, millis, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_pave_timestamp_parse, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, timestamp, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Pave_Signer___construct, 0, 0, 3)
	ZEND_ARG_TYPE_INFO(0, username, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, api_secret, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Pave_Signer_token, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, timestamp, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Pave_Signer_tokenNow, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_LONG, 0, "PAVE_TIME_RFC3339")
ZEND_END_ARG_INFO()

#define arginfo_class_Pave_Signer_headers arginfo_class_Pave_Signer_tokenNow


ZEND_FUNCTION(pave_token);
ZEND_FUNCTION(pave_token_now);
ZEND_FUNCTION(pave_token_headers);
ZEND_FUNCTION(pave_token_verify);
ZEND_FUNCTION(pave_token_verify_fresh);
ZEND_FUNCTION(pave_timestamp);
ZEND_FUNCTION(pave_timestamp_parse);
ZEND_METHOD(Pave_Signer, __construct);
ZEND_METHOD(Pave_Signer, token);
ZEND_METHOD(Pave_Signer, tokenNow);
ZEND_METHOD(Pave_Signer, headers);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(pave_token, arginfo_pave_token)
	ZEND_FE(pave_token_now, arginfo_pave_token_now)
	ZEND_FE(pave_token_headers, arginfo_pave_token_headers)
	ZEND_FE(pave_token_verify, arginfo_pave_token_verify)
	ZEND_FE(pave_token_verify_fresh, arginfo_pave_token_verify_fresh)
	ZEND_FE(pave_timestamp, arginfo_pave_timestamp)
	ZEND_FE(pave_timestamp_parse, arginfo_pave_timestamp_parse)
	ZEND_FE_END
};


static const zend_function_entry class_Pave_Signer_methods[] = {
	ZEND_ME(Pave_Signer, __construct, arginfo_class_Pave_Signer___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Pave_Signer, token, arginfo_class_Pave_Signer_token, ZEND_ACC_PUBLIC)
	ZEND_ME(Pave_Signer, tokenNow, arginfo_class_Pave_Signer_tokenNow, ZEND_ACC_PUBLIC)
	ZEND_ME(Pave_Signer, headers, arginfo_class_Pave_Signer_headers, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static void register_pave_token_symbols(int module_number)
{
	REGISTER_LONG_CONSTANT("PAVE_TIME_RFC3339", PAVE_TIME_RFC3339, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_TIME_UNIX", PAVE_TIME_UNIX, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_TIME_RFC3339_MILLIS", PAVE_TIME_RFC3339_MILLIS, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_TOKEN_LEN", PAVE_TOKEN_LEN, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_ERR_TOKEN_MISMATCH", PAVE_ERR_TOKEN_MISMATCH, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_ERR_INVALID_TIMESTAMP", PAVE_ERR_INVALID_TIMESTAMP, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("PAVE_ERR_TIMESTAMP_SKEW", PAVE_ERR_TIMESTAMP_SKEW, CONST_PERSISTENT);
}

static zend_class_entry *register_class_Pave_Signer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Pave", "Signer", class_Pave_Signer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
