/**
 * PingOne documentation pages the model links to (DOCS). Comments in the code cite these pages, and two
 * more sources by repository and file:
 * - SDK: the Go SDK `patrickcping/pingone-go-sdk-v2`, its OpenAPI `management/generate/pingone-management.yml`
 *   and the models `management/model_notifications_settings_phone_delivery_settings*.go`;
 * - TF: the Terraform provider `pingidentity/terraform-provider-pingone`,
 *   `internal/service/base/resource_phone_delivery_settings.go` (validators) and `…_test.go` (acceptance tests).
 */
const BASE = 'https://developer.pingidentity.com/pingone-api/platform/notifications/';
const CREATE = BASE + 'phone-delivery-settings/';

export const DOCS = {
  dataModel: BASE + 'phone-delivery-settings.html',
  createCustomBasic: CREATE + 'create-phone-delivery-settings.html',
  createCustomOauth2: CREATE + 'create_phone_delivery_settings_oauth.html',
  createCustomOauth2Jwt: CREATE + 'create_phone_delivery_settings_oauth_jwt.html',
  createCustomHeader: CREATE + 'create_phone_delivery_settings_custom_header.html',
  createSyniverse: CREATE + 'create-phone-delivery-settings-syniverse.html',
  createTwilioVerify: CREATE + 'create_phone_delivery_settings_twilio_verify.html',
  createTwilioMessagingService: CREATE + 'create-phone-delivery-settings-twilio-messaging-service.html',
  createSyniverseChannels: CREATE + 'create-phone-delivery-settings-syniverse-channels.html',
  updateSyniverseChannels: CREATE + 'update-phone-delivery-settings-syniverse-channels.html',
  updateTwilioMessagingService: CREATE + 'update-phone-delivery-settings-twilio-messaging-service.html',
  update: CREATE + 'update-phone-delivery-settings.html',
  readAll: CREATE + 'read-all-phone-delivery-settings.html',
  readOne: CREATE + 'read-one-phone-delivery-settings.html',
  errorCodes: 'https://developer.pingidentity.com/pingone-api/platform/reference/error-codes.html',
  templateVariables: 'https://apidocs.pingidentity.com/pingone/platform/v1/api/#notifications-templates-dynamic-variables',
} as const;
