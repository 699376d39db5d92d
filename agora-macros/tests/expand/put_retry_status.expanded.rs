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
    impl ::agora_api::__private::Endpoint for PutTemplate {
        type Response = ();
        const NAME: &'static str = "PutTemplate";
        const METHOD: ::agora_api::__private::Method = ::agora_api::__private::Method::PUT;
        const PATH: &'static str = "/{region}/v1/projects/{appId}/templates/{id}";
        const AUTH: &'static [::agora_api::__private::AuthScheme] = &[
            ::agora_api::__private::AuthScheme::BASIC,
            ::agora_api::__private::AuthScheme::HMAC,
        ];
        const IDEMPOTENT: bool = true;
        const RETRY_STATUSES: &'static [u16] = &[409u16];
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            #[allow(unused_imports)]
            use ::agora_api::__private::{ByValidate as _, NothingToValidate as _};
            (&::agora_api::__private::Field(&self.region))
                .validate_field(&::agora_api::__private::FieldPath::root("region"))?;
            (&::agora_api::__private::Field(&self.app_id))
                .validate_field(&::agora_api::__private::FieldPath::root("appId"))?;
            (&::agora_api::__private::Field(&self.id))
                .validate_field(&::agora_api::__private::FieldPath::root("id"))?;
            ::core::result::Result::Ok(())
        }
        fn write_path(
            &self,
            path: &mut ::agora_api::__private::PathWriter<'_>,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            path.literal("/");
            path.segment(
                "region",
                ::agora_api::__private::PathRegion::code(&self.region),
            )?;
            path.literal("/v1/projects/");
            path.segment("appId", &self.app_id)?;
            path.literal("/templates/");
            path.segment("id", &self.id)?;
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
            ::agora_api::__private::SerializeMap::end(map)?;
            ::core::result::Result::Ok(true)
        }
        fn decode(
            __request: &::agora_api::__private::WireRequest<'_>,
        ) -> ::core::result::Result<Self, ::agora_api::__private::InvalidInput> {
            let __read = ::agora_api::__private::decode::RequestReader::new(__request);
            __read.method("PUT")?;
            let mut __path = __read.path("/{region}/v1/projects/{appId}/templates/{id}");
            __path.literal("/")?;
            let __param0: ServiceRegion = __path.segment("region")?;
            __path.literal("/v1/projects/")?;
            let __param1: AppId = __path.segment("appId")?;
            __path.literal("/templates/")?;
            let __param2: TemplateId = __path.segment("id")?;
            __path.end()?;
            let value = PutTemplate {
                region: __param0,
                app_id: __param1,
                id: __param2,
            };
            ::agora_api::__private::Endpoint::validate(&value)?;
            ::core::result::Result::Ok(value)
        }
    }
    ::agora_api::__private::inventory::submit! {
        ::agora_api::__private::EndpointInfo::new("PutTemplate", ::core::module_path!(),
        ::core::stringify!(PUT), "/{region}/v1/projects/{appId}/templates/{id}", &
        [::agora_api::__private::AuthScheme::BASIC,
        ::agora_api::__private::AuthScheme::HMAC], true, false,
        ::core::option::Option::None, & [], & [409u16],
        ::agora_api::__private::check_response:: < PutTemplate >,
        ::agora_api::__private::check_request:: < PutTemplate >,
        ::agora_api::__private::reencode:: < PutTemplate >,
        ::agora_api::__private::send:: < PutTemplate >, &
        [::agora_api::__private::FieldInfo::new("region", "region",
        ::agora_api::__private::FieldLocation::Path, true, "ServiceRegion", "",),
        ::agora_api::__private::FieldInfo::new("app_id", "appId",
        ::agora_api::__private::FieldLocation::Path, true, "AppId", "",),
        ::agora_api::__private::FieldInfo::new("id", "id",
        ::agora_api::__private::FieldLocation::Path, true, "TemplateId", "",)], {
        #[allow(unused_imports)] use ::agora_api::__private::NotPaginated as _;
        ::agora_api::__private::PagesProbe:: < PutTemplate > ::PAGES },)
    }
};
/**The builder of a [`PutTemplate`] request; start with [`PutTemplate::builder`].

Every required field has a setter that must be called before `build()` exists; optional fields may be left out.*/
#[must_use = "a builder does nothing until `build()` is called"]
pub struct PutTemplateBuilder<
    __AgoraState0 = ::agora_api::__private::Unset,
    __AgoraState1 = ::agora_api::__private::Unset,
    __AgoraState2 = ::agora_api::__private::Unset,
> {
    region: __AgoraState0,
    app_id: __AgoraState1,
    id: __AgoraState2,
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths)]
impl PutTemplate {
    /**Starts building a [`PutTemplate`] request.

The required fields are checked at compile time: `build()` is only available once each of them is set.*/
    pub fn builder() -> PutTemplateBuilder {
        PutTemplateBuilder {
            region: ::agora_api::__private::Unset,
            app_id: ::agora_api::__private::Unset,
            id: ::agora_api::__private::Unset,
        }
    }
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths, clippy::type_complexity)]
impl<
    __AgoraState0,
    __AgoraState1,
    __AgoraState2,
> PutTemplateBuilder<__AgoraState0, __AgoraState1, __AgoraState2> {
    pub fn region(
        self,
        value: impl ::core::convert::Into<ServiceRegion>,
    ) -> PutTemplateBuilder<
        ::agora_api::__private::Set<ServiceRegion>,
        __AgoraState1,
        __AgoraState2,
    > {
        PutTemplateBuilder {
            region: ::agora_api::__private::Set(::core::convert::Into::into(value)),
            app_id: self.app_id,
            id: self.id,
        }
    }
    pub fn app_id(
        self,
        value: impl ::core::convert::Into<AppId>,
    ) -> PutTemplateBuilder<
        __AgoraState0,
        ::agora_api::__private::Set<AppId>,
        __AgoraState2,
    > {
        PutTemplateBuilder {
            region: self.region,
            app_id: ::agora_api::__private::Set(::core::convert::Into::into(value)),
            id: self.id,
        }
    }
    pub fn id(
        self,
        value: impl ::core::convert::Into<TemplateId>,
    ) -> PutTemplateBuilder<
        __AgoraState0,
        __AgoraState1,
        ::agora_api::__private::Set<TemplateId>,
    > {
        PutTemplateBuilder {
            region: self.region,
            app_id: self.app_id,
            id: ::agora_api::__private::Set(::core::convert::Into::into(value)),
        }
    }
    ///Finishes the [`PutTemplate`] request.
    pub fn build(self) -> PutTemplate
    where
        __AgoraState0: ::agora_api::__private::Required<ServiceRegion>,
        __AgoraState1: ::agora_api::__private::Required<AppId>,
        __AgoraState2: ::agora_api::__private::Required<TemplateId>,
    {
        PutTemplate {
            region: ::agora_api::__private::Required::take(self.region),
            app_id: ::agora_api::__private::Required::take(self.app_id),
            id: ::agora_api::__private::Required::take(self.id),
        }
    }
}
