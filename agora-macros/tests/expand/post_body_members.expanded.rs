#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    unused_attributes,
    unused_qualifications,
    deprecated,
    clippy::absolute_paths
)]
const _: () = {
    #[automatically_derived]
    impl ::agora_api::__private::Endpoint for Acquire {
        type Response = AcquiredResource;
        const NAME: &'static str = "Acquire";
        const METHOD: ::agora_api::__private::Method = ::agora_api::__private::Method::POST;
        const PATH: &'static str = "/v1/apps/{appid}/cloud_recording/acquire";
        const AUTH: &'static [::agora_api::__private::AuthScheme] = &[
            ::agora_api::__private::AuthScheme::BASIC,
        ];
        const IDEMPOTENT: bool = false;
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            #[allow(unused_imports)]
            use ::agora_api::__private::{ByValidate as _, NothingToValidate as _};
            (&::agora_api::__private::Field(&self.appid))
                .validate_field(&::agora_api::__private::FieldPath::root("appid"))?;
            (&::agora_api::__private::Field(&self.cname))
                .validate_field(&::agora_api::__private::FieldPath::root("cname"))?;
            (&::agora_api::__private::Field(&self.client_request))
                .validate_field(
                    &::agora_api::__private::FieldPath::root("clientRequest"),
                )?;
            Acquire::check(self)
        }
        fn write_path(
            &self,
            path: &mut ::agora_api::__private::PathWriter<'_>,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            path.literal("/v1/apps/");
            path.segment("appid", &self.appid)?;
            path.literal("/cloud_recording/acquire");
            ::core::result::Result::Ok(())
        }
        fn write_body(
            &self,
            body: &mut ::agora_api::__private::Vec<u8>,
        ) -> ::core::result::Result<bool, ::agora_api::__private::serde_json::Error> {
            let mut serializer = ::agora_api::__private::serde_json::Serializer::new(
                body,
            );
            let mut map = ::agora_api::__private::Serializer::serialize_map(
                &mut serializer,
                ::core::option::Option::None,
            )?;
            ::agora_api::__private::SerializeMap::serialize_entry(
                &mut map,
                "cname",
                &self.cname,
            )?;
            if let ::core::option::Option::Some(value) = &self.client_request {
                ::agora_api::__private::SerializeMap::serialize_entry(
                    &mut map,
                    "clientRequest",
                    value,
                )?;
            }
            ::agora_api::__private::SerializeMap::end(map)?;
            ::core::result::Result::Ok(true)
        }
        fn decode(
            __request: &::agora_api::__private::WireRequest<'_>,
        ) -> ::core::result::Result<Self, ::agora_api::__private::InvalidInput> {
            let __read = ::agora_api::__private::decode::RequestReader::new(__request);
            __read.method("POST")?;
            let mut __path = __read.path("/v1/apps/{appid}/cloud_recording/acquire");
            __path.literal("/v1/apps/")?;
            let __param0: AppId = __path.segment("appid")?;
            __path.literal("/cloud_recording/acquire")?;
            __path.end()?;
            let __body = __read.body_object()?;
            let value = Acquire {
                appid: __param0,
                cname: __body.required_member("cname")?,
                client_request: __body.member("clientRequest")?,
            };
            ::agora_api::__private::Endpoint::validate(&value)?;
            ::core::result::Result::Ok(value)
        }
    }
    ::agora_api::__private::inventory::submit! {
        ::agora_api::__private::EndpointInfo::new("Acquire", ::core::module_path!(),
        ::core::stringify!(POST), "/v1/apps/{appid}/cloud_recording/acquire", &
        [::agora_api::__private::AuthScheme::BASIC], false, false,
        ::core::option::Option::None, & [], & [],
        ::agora_api::__private::check_response:: < Acquire >,
        ::agora_api::__private::check_request:: < Acquire >,
        ::agora_api::__private::reencode:: < Acquire >, ::agora_api::__private::send:: <
        Acquire >, & [::agora_api::__private::FieldInfo::new("appid", "appid",
        ::agora_api::__private::FieldLocation::Path, true, "AppId", "The App ID.",),
        ::agora_api::__private::FieldInfo::new("cname", "cname",
        ::agora_api::__private::FieldLocation::Body, true, "ChannelName", "",),
        ::agora_api::__private::FieldInfo::new("client_request", "clientRequest",
        ::agora_api::__private::FieldLocation::Body, false, "ClientRequest", "",)], {
        #[allow(unused_imports)] use ::agora_api::__private::NotPaginated as _;
        ::agora_api::__private::PagesProbe:: < Acquire > ::PAGES },)
    }
};
/**The builder of a [`Acquire`] request; start with [`Acquire::builder`].

Every required field has a setter that must be called before `build()` exists; optional fields may be left out.*/
#[must_use = "a builder does nothing until `build()` is called"]
pub struct AcquireBuilder<
    __AgoraState0 = ::agora_api::__private::Unset,
    __AgoraState1 = ::agora_api::__private::Unset,
> {
    appid: __AgoraState0,
    cname: __AgoraState1,
    client_request: Option<ClientRequest>,
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths)]
impl Acquire {
    /**Starts building a [`Acquire`] request.

The required fields are checked at compile time: `build()` is only available once each of them is set.*/
    pub fn builder() -> AcquireBuilder {
        AcquireBuilder {
            appid: ::agora_api::__private::Unset,
            cname: ::agora_api::__private::Unset,
            client_request: ::core::option::Option::None,
        }
    }
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths, clippy::type_complexity)]
impl<__AgoraState0, __AgoraState1> AcquireBuilder<__AgoraState0, __AgoraState1> {
    /// The App ID.
    pub fn appid(
        self,
        value: impl ::core::convert::Into<AppId>,
    ) -> AcquireBuilder<::agora_api::__private::Set<AppId>, __AgoraState1> {
        AcquireBuilder {
            appid: ::agora_api::__private::Set(::core::convert::Into::into(value)),
            cname: self.cname,
            client_request: self.client_request,
        }
    }
    pub fn cname(
        self,
        value: impl ::core::convert::Into<ChannelName>,
    ) -> AcquireBuilder<__AgoraState0, ::agora_api::__private::Set<ChannelName>> {
        AcquireBuilder {
            appid: self.appid,
            cname: ::agora_api::__private::Set(::core::convert::Into::into(value)),
            client_request: self.client_request,
        }
    }
    pub fn client_request(
        mut self,
        value: impl ::core::convert::Into<ClientRequest>,
    ) -> Self {
        self.client_request = ::core::option::Option::Some(
            ::core::convert::Into::into(value),
        );
        self
    }
    ///Finishes the [`Acquire`] request.
    pub fn build(self) -> Acquire
    where
        __AgoraState0: ::agora_api::__private::Required<AppId>,
        __AgoraState1: ::agora_api::__private::Required<ChannelName>,
    {
        Acquire {
            appid: ::agora_api::__private::Required::take(self.appid),
            cname: ::agora_api::__private::Required::take(self.cname),
            client_request: self.client_request,
        }
    }
}
